/* Wording and number formatting of `forecast report`.  Library-free on
 * purpose: tests/test_report.c includes this file and checks the output
 * against the way Vietnam's GSO writes its releases ("tăng 5,71%",
 * "quý I/2021", "2 tháng đầu năm"). */
#include "report_text.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int rpt_lang_parse(const char *text, rpt_lang *out)
{
    if (text && strcmp(text, "en") == 0)
        *out = RPT_EN;
    else if (text && strcmp(text, "vi") == 0)
        *out = RPT_VI;
    else
        return -1;
    return 0;
}

static int rpt_fail(char *buf, size_t size)
{
    if (buf && size)
        buf[0] = '\0';
    return -1;
}

/* Inserts `sep` every three digits of the integer part in digits[0..len). */
static size_t group_thousands(const char *digits, size_t len, char sep, char *out)
{
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            out[k++] = sep;
        out[k++] = digits[i];
    }
    return k;
}

int rpt_number(char *buf, size_t size, double x, int decimals, rpt_lang lang)
{
    if (!buf || !isfinite(x) || decimals < 0 || decimals > 9 || fabs(x) >= 1e15)
        return rpt_fail(buf, size);
    char plain[64];
    snprintf(plain, sizeof plain, "%.*f", decimals, fabs(x));
    int nonzero = strspn(plain, "0.") != strlen(plain);
    const char *dot = strchr(plain, '.');
    size_t int_len = dot ? (size_t)(dot - plain) : strlen(plain);
    char out[96];
    size_t k = 0;
    if (x < 0 && nonzero)
        out[k++] = '-';
    k += group_thousands(plain, int_len, lang == RPT_VI ? '.' : ',', out + k);
    if (dot) {
        out[k++] = lang == RPT_VI ? ',' : '.';
        size_t frac = strlen(dot + 1);
        memcpy(out + k, dot + 1, frac);
        k += frac;
    }
    out[k] = '\0';
    if (k + 1 > size)
        return rpt_fail(buf, size);
    memcpy(buf, out, k + 1);
    return (int)k;
}

const char *rpt_roman(int n)
{
    static const char *const roman[] = {"I", "II", "III", "IV", "V", "VI",
                                        "VII", "VIII", "IX", "X", "XI", "XII"};
    return (n >= 1 && n <= 12) ? roman[n - 1] : NULL;
}

const char *rpt_month_name_en(int month)
{
    static const char *const names[] = {"January", "February", "March", "April",
                                        "May", "June", "July", "August",
                                        "September", "October", "November", "December"};
    return (month >= 1 && month <= 12) ? names[month - 1] : NULL;
}

/* snprintf that fails cleanly (empty buf, -1) instead of truncating. */
static int rpt_put(char *buf, size_t size, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (len < 0 || (size_t)len >= sizeof tmp || (size_t)len >= size)
        return rpt_fail(buf, size);
    memcpy(buf, tmp, (size_t)len + 1);
    return len;
}

int rpt_change(char *buf, size_t size, double pct, int decimals, rpt_lang lang)
{
    char num[64];
    if (!buf || rpt_number(num, sizeof num, fabs(pct), decimals, lang) < 0)
        return rpt_fail(buf, size);
    char check[64];
    rpt_number(check, sizeof check, pct, decimals, lang);
    int zero = strspn(num, "0.,") == strlen(num);
    if (zero)
        return rpt_put(buf, size, "%s",
                                          lang == RPT_VI ? "không đổi" : "unchanged");
    const char *word = check[0] == '-' ? (lang == RPT_VI ? "giảm" : "down")
                                       : (lang == RPT_VI ? "tăng" : "up");
    return rpt_put(buf, size, "%s %s%%", word, num);
}

int rpt_month_phrase(char *buf, size_t size, int year, int month, rpt_lang lang)
{
    if (!buf || month < 1 || month > 12)
        return rpt_fail(buf, size);
    if (lang == RPT_VI)
        return rpt_put(buf, size, "tháng %d/%d", month, year);
    return rpt_put(buf, size, "%s %d", rpt_month_name_en(month), year);
}

int rpt_quarter_phrase(char *buf, size_t size, int year, int quarter, rpt_lang lang)
{
    if (!buf || quarter < 1 || quarter > 4)
        return rpt_fail(buf, size);
    if (lang == RPT_VI)
        return rpt_put(buf, size, "quý %s/%d", rpt_roman(quarter), year);
    return rpt_put(buf, size, "Q%d %d", quarter, year);
}

int rpt_ytd_phrase(char *buf, size_t size, int year, int months, rpt_lang lang)
{
    if (!buf || months < 1 || months > 12)
        return rpt_fail(buf, size);
    if (lang == RPT_VI) {
        if (months == 12)
            return rpt_put(buf, size, "cả năm %d", year);
        return rpt_put(buf, size, "%d tháng đầu năm %d", months, year);
    }
    if (months == 12)
        return rpt_put(buf, size, "the whole of %d", year);
    return rpt_put(buf, size, "the first %d months of %d", months, year);
}
