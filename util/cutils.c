/*
 * Strict number and boolean parsing for command-line and monitor input.
 */
#include "qemu/osdep.h"
#include "qemu/cutils.h"

int qemu_strtoi64(const char *str, int base, int64_t *result)
{
    char *end;
    long long v;

    if (!str || !*str || g_ascii_isspace(*str)) {
        return -EINVAL;
    }
    errno = 0;
    v = strtoll(str, &end, base);
    if (end == str || *end) {
        return -EINVAL;
    }
    if (errno == ERANGE) {
        return -ERANGE;
    }
    *result = v;
    return 0;
}

int qemu_strtou64(const char *str, int base, uint64_t *result)
{
    char *end;
    unsigned long long v;
    const char *p = str;

    if (!str || !*str || g_ascii_isspace(*str)) {
        return -EINVAL;
    }
    /* strtoull accepts "-1" as ULLONG_MAX; only allow it as "all ones". */
    errno = 0;
    v = strtoull(p, &end, base);
    if (end == p || *end) {
        return -EINVAL;
    }
    if (errno == ERANGE) {
        return -ERANGE;
    }
    if (*p == '-' && strcmp(p, "-1") != 0) {
        return -ERANGE;
    }
    *result = v;
    return 0;
}

static int do_strtosz(const char *str, char default_unit, uint64_t *result)
{
    char *end;
    double d;
    uint64_t mul;
    char unit;
    unsigned long long whole;

    if (!str || !*str || g_ascii_isspace(*str) || *str == '-') {
        return -EINVAL;
    }
    errno = 0;
    whole = strtoull(str, &end, 0);
    if (end == str) {
        return -EINVAL;
    }
    d = (double)whole;
    if (*end == '.') {
        /* Fractions such as "1.5G" are accepted as QEMU users expect. */
        d = g_ascii_strtod(str, &end);
    }
    unit = *end ? g_ascii_toupper(*end) : default_unit;
    switch (unit) {
    case 'B': mul = 1; break;
    case 'K': mul = KiB; break;
    case 'M': mul = MiB; break;
    case 'G': mul = GiB; break;
    case 'T': mul = GiB * 1024; break;
    case 'P': mul = GiB * 1024 * 1024; break;
    case 'E': mul = GiB * 1024 * 1024 * 1024; break;
    default: return -EINVAL;
    }
    if (*end && end[1]) {
        return -EINVAL;
    }
    if (errno == ERANGE || d * mul >= 18446744073709551616.0) {
        return -ERANGE;
    }
    *result = (d == (double)whole) ? whole * mul : (uint64_t)(d * mul);
    if (d == (double)whole && mul && whole > UINT64_MAX / mul) {
        return -ERANGE;
    }
    return 0;
}

int qemu_strtosz(const char *str, uint64_t *result)
{
    return do_strtosz(str, 'B', result);
}

int qemu_strtosz_MiB(const char *str, uint64_t *result)
{
    return do_strtosz(str, 'M', result);
}

bool qapi_bool_parse(const char *name, const char *value, bool *obj,
                     Error **errp)
{
    static const char *const yes[] = { "on", "yes", "true", "y" };
    static const char *const no[] = { "off", "no", "false", "n" };

    for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
        if (!strcmp(value, yes[i])) {
            *obj = true;
            return true;
        }
        if (!strcmp(value, no[i])) {
            *obj = false;
            return true;
        }
    }
    error_setg(errp, "Parameter '%s' expects 'on' or 'off', got '%s'",
               name, value);
    return false;
}
