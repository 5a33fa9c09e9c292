// SECONDS() of a dateTime with a fraction in XML Schema's canonical decimal form, in place of
// rasqal 0.9.33's rasqal_xsd_datetime_get_seconds_as_decimal, which writes every fraction with six
// digits: SECONDS("…T05:06:07.5Z"^^xsd:dateTime) gave "7.500000" where the value is written "7.5".

#include <stdio.h>
#include <string.h>

#include <raptor2.h>
#include <rasqal.h>

#include "rasqal_library.h"

rasqal_xsd_decimal *rasqal_xsd_datetime_get_seconds_as_decimal(rasqal_world *world, rasqal_xsd_datetime *dt) {
    static _Atomic(void *) own_function;
    rasqal_xsd_decimal *(*own)(rasqal_world *, rasqal_xsd_datetime *) =
        coatt_rasqal_cached_own_function(&own_function, "rasqal_xsd_datetime_get_seconds_as_decimal");
    if (!dt || !dt->microseconds || !coatt_is_rasqal_0_9_33()) return own ? own(world, dt) : NULL;
    char text[24];
    snprintf(text, sizeof text, "%d.%06d", dt->second, dt->microseconds);
    size_t length = strlen(text);
    while (text[length - 1] == '0') text[--length] = '\0';  // a fraction has a digit other than 0
    rasqal_xsd_decimal *seconds = rasqal_new_xsd_decimal(world);
    if (seconds && rasqal_xsd_decimal_set_string(seconds, text)) {
        rasqal_free_xsd_decimal(seconds);
        return NULL;
    }
    return seconds;
}
