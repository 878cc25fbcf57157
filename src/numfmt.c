/* numfmt.c - exact, locale-independent number parsing and printing.
 *
 * Printing uses snprintf/strtod, whose decimal point comes from LC_NUMERIC:
 * flamex only ever sets LC_CTYPE (see main.c), so LC_NUMERIC stays "C".
 */
#include "flamex/numfmt.h"

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

struct numfmt_scale {
    const char *suffix;
    double factor;
};

static const struct numfmt_scale numfmt_time[] = {
    { "ns", 1 }, { "us", 1e3 }, { "ms", 1e6 }, { "s", 1e9 }, { "hrs", 3600e9 }, { NULL, 0 },
};
static const struct numfmt_scale numfmt_bytes[] = {
    { "B", 1 },
    { "kB", 1024.0 },
    { "MB", 1024.0 * 1024 },
    { "GB", 1024.0 * 1024 * 1024 },
    { "TB", 1024.0 * 1024 * 1024 * 1024 },
    { NULL, 0 },
};

/* Print "%.2f" without a trailing ".00", then the suffix; 0 prints as "0". */
static size_t numfmt_scaled(char *buf, size_t cap, double v, const char *suffix)
{
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.2f", v);
    size_t len = strlen(tmp);
    if (len > 3 && strcmp(tmp + len - 3, ".00") == 0)
        tmp[len - 3] = '\0';
    if (strcmp(tmp, "0") == 0 || strcmp(tmp, "-0") == 0)
        return (size_t)snprintf(buf, cap, "0");
    int n = snprintf(buf, cap, "%s%s", tmp, suffix);
    return n < 0 ? 0 : (size_t)n;
}

size_t numfmt_unit(char *buf, size_t cap, double v, const char *unit)
{
    const struct numfmt_scale *table = NULL;
    double base = 1;
    if (unit && (strcmp(unit, "nanoseconds") == 0 || strcmp(unit, "ns") == 0))
        table = numfmt_time;
    else if (unit && (strcmp(unit, "microseconds") == 0 || strcmp(unit, "us") == 0)) {
        table = numfmt_time;
        base = 1e3;
    } else if (unit && (strcmp(unit, "milliseconds") == 0 || strcmp(unit, "ms") == 0)) {
        table = numfmt_time;
        base = 1e6;
    } else if (unit && (strcmp(unit, "seconds") == 0 || strcmp(unit, "s") == 0)) {
        table = numfmt_time;
        base = 1e9;
    } else if (unit && (strcmp(unit, "bytes") == 0 || strcmp(unit, "B") == 0))
        table = numfmt_bytes;
    if (!table)
        return numfmt_scaled(buf, cap, v, "");
    double x = v * base;
    size_t k = 0;
    while (table[k + 1].suffix && fabs(x) >= table[k + 1].factor)
        k++;
    return numfmt_scaled(buf, cap, x / table[k].factor, table[k].suffix);
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
