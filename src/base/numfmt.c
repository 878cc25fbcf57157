/* numfmt.c - exact, locale-independent number parsing and printing.
 *
 * Printing uses snprintf/strtod, whose decimal point comes from LC_NUMERIC:
 * flamex only ever sets LC_CTYPE (see main.c), so LC_NUMERIC stays "C".
 */
#include "flamex/base/numfmt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double numfmt_pow10[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

bool numfmt_parse_count(const char *s, size_t n, struct sample_value *out)
{
    size_t i = 0;
    uint64_t mant = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        unsigned d = (unsigned)(s[i] - '0');
        if (mant > (UINT64_MAX - d) / 10)
            return false; /* 2^64 or more: out of range for a count */
        mant = mant * 10 + d;
        i++;
    }
    if (i == 0)
        return false;
    int frac_digits = 0;
    bool frac_nonzero = false;
    uint64_t fmant = mant;
    bool fexact = true; /* fmant holds every fraction digit */
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            unsigned d = (unsigned)(s[i] - '0');
            if (d)
                frac_nonzero = true;
            if (fexact && fmant <= (UINT64_MAX - d) / 10 && frac_digits < 22) {
                fmant = fmant * 10 + d;
                frac_digits++;
            } else {
                fexact = false;
            }
            i++;
        }
    }
    if (i != n)
        return false;
    if (!frac_nonzero) {
        if (mant <= INT64_MAX) {
            out->i = (int64_t)mant;
            out->d = (double)mant;
            out->exact = true;
        } else {
            out->i = 0;
            out->d = (double)mant;
            out->exact = false;
        }
        return true;
    }
    out->exact = false;
    out->i = 0;
    if (fexact && fmant < (UINT64_C(1) << 53)) {
        /* Both operands exact: one correctly rounded division. */
        out->d = (double)fmant / numfmt_pow10[frac_digits];
    } else {
        /* Rare (more than 15 significant digits): let strtod round it. */
        char tmp[128];
        size_t len = n < sizeof tmp - 1 ? n : sizeof tmp - 1;
        memcpy(tmp, s, len);
        tmp[len] = '\0';
        out->d = strtod(tmp, NULL);
    }
    return true;
}

size_t numfmt_int(char *buf, size_t cap, long long v)
{
    int n = snprintf(buf, cap, "%lld", v);
    return n < 0 ? 0 : (size_t)n;
}

size_t numfmt_value(char *buf, size_t cap, double v)
{
    int n;
    if (v == floor(v) && fabs(v) < 9.2e18) {
        n = snprintf(buf, cap, "%lld", (long long)v);
    } else if (v == floor(v) || !isfinite(v)) {
        n = snprintf(buf, cap, "%.0f", v);
    } else {
        char tmp[128];
        n = 0;
        for (int prec = 1; prec <= 60; prec++) {
            n = snprintf(tmp, sizeof tmp, "%.*f", prec, v);
            if (strtod(tmp, NULL) == v)
                break;
        }
        while (n > 0 && tmp[n - 1] == '0')
            tmp[--n] = '\0';
        if (n > 0 && tmp[n - 1] == '.')
            tmp[--n] = '\0';
        n = snprintf(buf, cap, "%s", tmp);
    }
    return n < 0 ? 0 : (size_t)n;
}

/* ---- pprof's internal/measurement --------------------------------------- */

/* One unit of pprof's UnitTypes: canonical name, aliases, factor to the base. */
struct numfmt_pprof_unit {
    const char *name;
    const char *aliases[4]; /* NULL-terminated */
    double factor;
};

/* One UnitType: its units in pprof's order and its default unit. */
struct numfmt_pprof_type {
    const struct numfmt_pprof_unit *units;
    size_t nunits;
    const char *default_name;
    double default_factor;
};

static const struct numfmt_pprof_unit numfmt_pprof_memory[] = {
    { "B", { "b", "byte", NULL }, 1 },
    { "kB", { "kb", "kbyte", "kilobyte", NULL }, 1024.0 },
    { "MB", { "mb", "mbyte", "megabyte", NULL }, 1048576.0 },
    { "GB", { "gb", "gbyte", "gigabyte", NULL }, 1073741824.0 },
    { "TB", { "tb", "tbyte", "terabyte", NULL }, 1099511627776.0 },
    { "PB", { "pb", "pbyte", "petabyte", NULL }, 1125899906842624.0 },
};

static const struct numfmt_pprof_unit numfmt_pprof_time[] = {
    { "ns", { "ns", "nanosecond", NULL }, 1 },
    { "us", { "\xce\xbcs", "us", "microsecond", NULL }, 1e3 }, /* "μs" */
    { "ms", { "ms", "millisecond", NULL }, 1e6 },
    { "s", { "s", "sec", "second", NULL }, 1e9 },
    { "hrs", { "hour", "hr", NULL }, 3600e9 },
};

static const struct numfmt_pprof_unit numfmt_pprof_gcu[] = {
    { "n*GCU", { "nanogcu", NULL }, 1e-9 },  { "u*GCU", { "microgcu", NULL }, 1e-6 },
    { "m*GCU", { "milligcu", NULL }, 1e-3 }, { "GCU", { "gcu", NULL }, 1 },
    { "k*GCU", { "kilogcu", NULL }, 1e3 },   { "M*GCU", { "megagcu", NULL }, 1e6 },
    { "G*GCU", { "gigagcu", NULL }, 1e9 },   { "T*GCU", { "teragcu", NULL }, 1e12 },
    { "P*GCU", { "petagcu", NULL }, 1e15 },
};

#define NUMFMT_COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct numfmt_pprof_type numfmt_pprof_types[] = {
    { numfmt_pprof_memory, NUMFMT_COUNT(numfmt_pprof_memory), "B", 1 },
    { numfmt_pprof_time, NUMFMT_COUNT(numfmt_pprof_time), "s", 1e9 },
    { numfmt_pprof_gcu, NUMFMT_COUNT(numfmt_pprof_gcu), "GCU", 1 },
};

/* Go's strings.ToLower, as far as it can matter for matching an alias: the
 * aliases hold only ASCII letters and 'μ', and the only other characters whose
 * simple lower case is one of those are U+0130 (-> 'i'), U+212A KELVIN SIGN
 * (-> 'k') and U+039C (-> 'μ'); any other byte can never match, so it is
 * copied. Returns false if unit is too long to be an alias. */
static bool numfmt_pprof_lower(const char *unit, char *out, size_t cap, size_t *len)
{
    size_t n = 0;
    for (const unsigned char *s = (const unsigned char *)unit; *s;) {
        if (n + 2 >= cap)
            return false;
        if (*s >= 'A' && *s <= 'Z') {
            out[n++] = (char)(*s + ('a' - 'A'));
            s++;
        } else if (s[0] == 0xc4 && s[1] == 0xb0) {
            out[n++] = 'i';
            s += 2;
        } else if (s[0] == 0xe2 && s[1] == 0x84 && s[2] == 0xaa) {
            out[n++] = 'k';
            s += 3;
        } else if (s[0] == 0xce && s[1] == 0x9c) {
            out[n++] = (char)0xce;
            out[n++] = (char)0xbc;
            s += 2;
        } else {
            out[n++] = (char)*s++;
        }
    }
    out[n] = '\0';
    *len = n;
    return true;
}

/* UnitType.sniffUnit: lower-case, drop one trailing 's' if longer than two
 * bytes, then find the unit having that exact alias; NULL if none. */
static const struct numfmt_pprof_unit *numfmt_pprof_sniff(const struct numfmt_pprof_type *type,
                                                          const char *unit)
{
    char low[64];
    size_t len;
    if (!unit || !numfmt_pprof_lower(unit, low, sizeof low, &len))
        return NULL;
    if (len > 2 && low[len - 1] == 's')
        low[--len] = '\0';
    for (size_t i = 0; i < type->nunits; i++)
        for (const char *const *a = type->units[i].aliases; *a; a++)
            if (strcmp(*a, low) == 0)
                return &type->units[i];
    return NULL;
}

/* UnitType.autoScale: the unit with the largest factor in which value (in base
 * units) is at least 1; false if there is none. */
static bool numfmt_pprof_autoscale(const struct numfmt_pprof_type *type, double value,
                                   double *out, const char **unit)
{
    double f = 0;
    const char *name = NULL;
    for (size_t i = 0; i < type->nunits; i++) {
        const struct numfmt_pprof_unit *u = &type->units[i];
        if (u->factor >= f && value / u->factor >= 1.0) {
            f = u->factor;
            name = u->name;
        }
    }
    if (f == 0)
        return false;
    *out = value / f;
    *unit = name;
    return true;
}

/* UnitType.convertUnit: false if from_unit is not of this type. */
static bool numfmt_pprof_convert(const struct numfmt_pprof_type *type, double value,
                                 const char *from_unit, const char *to_unit, double *out,
                                 const char **unit)
{
    const struct numfmt_pprof_unit *from = numfmt_pprof_sniff(type, from_unit);
    if (!from)
        return false;
    double v = value * from->factor;
    if (strcmp(to_unit, "minimum") == 0 || strcmp(to_unit, "auto") == 0) {
        if (numfmt_pprof_autoscale(type, v, out, unit))
            return true;
    } else {
        const struct numfmt_pprof_unit *to = numfmt_pprof_sniff(type, to_unit);
        if (to) {
            *out = v / to->factor;
            *unit = to->name;
            return true;
        }
    }
    *out = v / type->default_factor;
    *unit = type->default_name;
    return true;
}

double numfmt_pprof_scale(double value, const char *from_unit, const char *to_unit,
                          const char **out_unit)
{
    const char *dummy;
    if (!out_unit)
        out_unit = &dummy;
    if (!from_unit)
        from_unit = "";
    if (!to_unit)
        to_unit = "";
    if (value < 0)
        return -numfmt_pprof_scale(-value, from_unit, to_unit, out_unit);
    for (size_t i = 0; i < NUMFMT_COUNT(numfmt_pprof_types); i++) {
        double v;
        if (numfmt_pprof_convert(&numfmt_pprof_types[i], value, from_unit, to_unit, &v,
                                 out_unit))
            return v;
    }
    static const char *const skip[] = { "count", "sample", "unit", "minimum", "auto" };
    *out_unit = to_unit;
    for (size_t i = 0; i < NUMFMT_COUNT(skip); i++)
        if (strcmp(to_unit, skip[i]) == 0)
            *out_unit = "";
    return value;
}

size_t numfmt_pprof_label(char *buf, size_t cap, double value, const char *from_unit,
                          const char *to_unit)
{
    const char *unit;
    double v = numfmt_pprof_scale(value, from_unit, to_unit, &unit);
    char tmp[512];
    if (isnan(v))
        snprintf(tmp, sizeof tmp, "NaN"); /* Go's spelling (pprof's values are integers) */
    else if (isinf(v))
        snprintf(tmp, sizeof tmp, "%sInf", v < 0 ? "-" : "+");
    else
        snprintf(tmp, sizeof tmp, "%.2f", v);
    size_t len = strlen(tmp);
    if (len >= 3 && strcmp(tmp + len - 3, ".00") == 0)
        tmp[len - 3] = '\0';
    int n;
    if (strcmp(tmp, "0") == 0 || strcmp(tmp, "-0") == 0)
        n = snprintf(buf, cap, "0");
    else
        n = snprintf(buf, cap, "%s%s", tmp, unit);
    return n < 0 ? 0 : (size_t)n;
}

const char *numfmt_pprof_output_unit(double min_value, double max_value, const char *sample_unit)
{
    if (!sample_unit)
        sample_unit = "";
    if (min_value == 0)
        min_value = max_value;
    const char *min_unit, *max_unit, *unit;
    numfmt_pprof_scale(min_value, sample_unit, "minimum", &min_unit);
    numfmt_pprof_scale(max_value, sample_unit, "minimum", &max_unit);
    unit = min_unit;
    if (strcmp(min_unit, max_unit) != 0 && min_value * 100 < max_value)
        numfmt_pprof_scale(100 * min_value, sample_unit, "minimum", &unit);
    return unit[0] ? unit : sample_unit;
}

size_t numfmt_unit(char *buf, size_t cap, double v, const char *unit)
{
    return numfmt_pprof_label(buf, cap, v, unit, "auto");
}

size_t numfmt_percent(char *buf, size_t cap, double value, double total)
{
    double ratio = total != 0 ? fabs(value / total) * 100 : 0;
    int n;
    if (ratio >= 99.95 && ratio <= 100.05)
        n = snprintf(buf, cap, "  100%%");
    else if (ratio >= 1.0)
        n = snprintf(buf, cap, "%5.2f%%", ratio);
    else
        n = snprintf(buf, cap, "%5.2g%%", ratio);
    return n < 0 ? 0 : (size_t)n;
}

size_t numfmt_share(char *buf, size_t cap, double value, double total)
{
    char tmp[64];
    numfmt_percent(tmp, sizeof tmp, value, total);
    const char *s = tmp;
    while (*s == ' ')
        s++;
    int n = snprintf(buf, cap, "%s", s);
    return n < 0 ? 0 : (size_t)n;
}

size_t numfmt_percent1(char *buf, size_t cap, double value, double total, int width)
{
    int n;
    if (width < 0)
        width = 0;
    if (!(total != 0)) {
        n = snprintf(buf, cap, "%*s", width, "-");
    } else {
        double p = 100.0 * value / total;
        int w = width > 0 ? width - 1 : 0; /* the number, before the '%' */
        if (p > 999.9 || p < -99.9)
            n = snprintf(buf, cap, "%*.0f%%", w, p);
        else
            n = snprintf(buf, cap, "%*.1f%%", w, p);
    }
    return n < 0 ? 0 : (size_t)n;
}
