#ifndef COATT_RASQAL_DATETIME_TEXTS_H
#define COATT_RASQAL_DATETIME_TEXTS_H

#include <rasqal.h>

/// A copy (from malloc) of the text of `l` when it is typed xsd:date or xsd:dateTime, taken
/// before rasqal reads its value; NULL otherwise.
__attribute__((visibility("hidden"))) char *coatt_date_lexical_form(const rasqal_literal *l);

/// After rasqal has read the value of `l`, makes `written` (from `coatt_date_lexical_form`, owned)
/// its text again in place of the canonical one rasqal wrote, when it is a date or dateTime.
__attribute__((visibility("hidden"))) void coatt_keep_lexical_form(rasqal_literal *l, char *written);

#endif
