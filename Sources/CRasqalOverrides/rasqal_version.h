#ifndef COATT_RASQAL_VERSION_H
#define COATT_RASQAL_VERSION_H

/// Whether the loaded librasqal is 0.9.33, whose internals this module's replacements assume;
/// with any other version they hand every call to the library's own functions.
__attribute__((visibility("hidden"))) int coatt_is_rasqal_0_9_33(void);

#endif
