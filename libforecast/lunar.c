/* Lunar New Year and lunar dates from astronomy.
 *
 * The Chinese and Vietnamese calendars are lunisolar: months begin on the
 * local day of a new moon, and the solar terms (multiples of 30° of the
 * Sun's apparent longitude, the "principal terms") fix which month is month
 * 11 (the one containing the winter solstice, 270°) and which month is
 * intercalary.  The only difference between the two calendars is the
 * meridian on which the local day is taken: 105° E (UTC+7) in Vietnam since
 * 1967, 120° E (UTC+8) in China.
 *
 * Astronomy (Jean Meeus, Astronomical Algorithms, 2nd ed., 1998):
 *   - mean and true new moons: ch. 49, eq. 49.1 and the periodic and
 *     planetary-argument corrections of the same chapter (accuracy a few
 *     seconds of Dynamical Time for 1900-2100);
 *   - the Sun's apparent longitude: ch. 25, "low accuracy" method
 *     (about 0.01°, i.e. ~15 minutes of time);
 *   - ΔT = TD - UT: the polynomial expressions of Espenak and Meeus (NASA,
 *     "Polynomial expressions for Delta T", Five Millennium Canon of Solar
 *     Eclipses, 2006).
 * Tested against the Vietnam table of domain.md §3.3 (1968-2100, UTC+7)
 * and R seasonal::cny (1930-2030, UTC+8): see tests/test_lunar.c. */
#include "internal.h"

#include "forecast/calendar.h"

#include <ctype.h>
#include <math.h>
#include <string.h>

#define DEG2RAD (3.14159265358979323846 / 180.0)

/* Mean synodic month (days) and JDE of new moon k = 0 (2000 Jan 6),
 * Meeus eq. 49.1. */
#define SYNODIC_MONTH 29.530588861
#define NEW_MOON_EPOCH 2451550.09766

/* ------------------------------------------------------------------ ΔT */

/* Espenak-Meeus polynomial for ΔT (seconds) at decimal year y. */
static double delta_t_seconds(double y)
{
    double t;
    if (y < 1800.0 || y >= 2150.0) {
        double u = (y - 1820.0) / 100.0;
        return -20.0 + 32.0 * u * u;
    }
    if (y < 1860.0) {
        t = y - 1800.0;
        return 13.72 - 0.332447 * t + 0.0068612 * t * t + 0.0041116 * pow(t, 3) -
               0.00037436 * pow(t, 4) + 0.0000121272 * pow(t, 5) -
               0.0000001699 * pow(t, 6) + 0.000000000875 * pow(t, 7);
    }
    if (y < 1900.0) {
        t = y - 1860.0;
        return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * pow(t, 3) -
               0.0004473624 * pow(t, 4) + pow(t, 5) / 233174.0;
    }
    if (y < 1920.0) {
        t = y - 1900.0;
        return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * pow(t, 3) -
               0.000197 * pow(t, 4);
    }
    if (y < 1941.0) {
        t = y - 1920.0;
        return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * pow(t, 3);
    }
    if (y < 1961.0) {
        t = y - 1950.0;
        return 29.07 + 0.407 * t - t * t / 233.0 + pow(t, 3) / 2547.0;
    }
    if (y < 1986.0) {
        t = y - 1975.0;
        return 45.45 + 1.067 * t - t * t / 260.0 - pow(t, 3) / 718.0;
    }
    if (y < 2005.0) {
        t = y - 2000.0;
        return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * pow(t, 3) +
               0.000651814 * pow(t, 4) + 0.00002373599 * pow(t, 5);
    }
    if (y < 2050.0) {
        t = y - 2000.0;
        return 62.92 + 0.32217 * t + 0.005589 * t * t;
    }
    /* 2050..2150 */
    double u = (y - 1820.0) / 100.0;
    return -20.0 + 32.0 * u * u - 0.5628 * (2150.0 - y);
}

/* ΔT in days at Julian Day jd (decimal year from the JD is exact enough:
 * ΔT changes by < 1 s a year). */
static double delta_t_days(double jd)
{
    double year = 2000.0 + (jd - 2451545.0) / 365.25;
    return delta_t_seconds(year) / 86400.0;
}

/* ------------------------------------------------------------- new moon */

static double sin_deg(double x)
{
    return sin(fmod(x, 360.0) * DEG2RAD);
}

/* JDE (Dynamical Time) of true new moon number k (k = 0: 2000 Jan 6);
 * Meeus ch. 49: eq. 49.1, the new-moon periodic terms and the 14
 * planetary-argument corrections. */
static double new_moon_jde(long k)
{
    double kk = (double)k;
    double t = kk / 1236.85;
    double t2 = t * t, t3 = t2 * t, t4 = t3 * t;
    double jde = NEW_MOON_EPOCH + SYNODIC_MONTH * kk + 0.00015437 * t2 -
                 0.000000150 * t3 + 0.00000000073 * t4;
    double e = 1.0 - 0.002516 * t - 0.0000074 * t2;
    double m = 2.5534 + 29.10535670 * kk - 0.0000014 * t2 - 0.00000011 * t3;
    double mp = 201.5643 + 385.81693528 * kk + 0.0107582 * t2 + 0.00001238 * t3 -
                0.000000058 * t4;
    double f = 160.7108 + 390.67050284 * kk - 0.0016118 * t2 - 0.00000227 * t3 +
               0.000000011 * t4;
    double om = 124.7746 - 1.56375588 * kk + 0.0020672 * t2 + 0.00000215 * t3;

    double c = -0.40720 * sin_deg(mp) + 0.17241 * e * sin_deg(m) +
               0.01608 * sin_deg(2 * mp) + 0.01039 * sin_deg(2 * f) +
               0.00739 * e * sin_deg(mp - m) - 0.00514 * e * sin_deg(mp + m) +
               0.00208 * e * e * sin_deg(2 * m) - 0.00111 * sin_deg(mp - 2 * f) -
               0.00057 * sin_deg(mp + 2 * f) + 0.00056 * e * sin_deg(2 * mp + m) -
               0.00042 * sin_deg(3 * mp) + 0.00042 * e * sin_deg(m + 2 * f) +
               0.00038 * e * sin_deg(m - 2 * f) - 0.00024 * e * sin_deg(2 * mp - m) -
               0.00017 * sin_deg(om) - 0.00007 * sin_deg(mp + 2 * m) +
               0.00004 * sin_deg(2 * mp - 2 * f) + 0.00004 * sin_deg(3 * m) +
               0.00003 * sin_deg(mp + m - 2 * f) + 0.00003 * sin_deg(2 * mp + 2 * f) -
               0.00003 * sin_deg(mp + m + 2 * f) + 0.00003 * sin_deg(mp - m + 2 * f) -
               0.00002 * sin_deg(mp - m - 2 * f) - 0.00002 * sin_deg(3 * mp + m) +
               0.00002 * sin_deg(4 * mp);

    /* Planetary arguments A1..A14 and their coefficients (Meeus ch. 49). */
    static const double a0[14] = {299.77, 251.88, 251.83, 349.42, 84.66,
                                  141.74, 207.14, 154.84, 34.52,  207.19,
                                  291.34, 161.72, 239.56, 331.55};
    static const double a1[14] = {0.107408,  0.016321,  26.651886, 36.412478,
                                  18.206239, 53.303771, 2.453732,  7.306860,
                                  27.261239, 0.121824,  1.844379,  24.198154,
                                  25.513099, 3.592518};
    static const double coef[14] = {0.000325, 0.000165, 0.000164, 0.000126,
                                    0.000110, 0.000062, 0.000060, 0.000056,
                                    0.000047, 0.000042, 0.000040, 0.000037,
                                    0.000035, 0.000023};
    double planetary = 0.0;
    for (int i = 0; i < 14; i++) {
        double arg = a0[i] + a1[i] * kk;
        if (i == 0)
            arg -= 0.009173 * t2;
        planetary += coef[i] * sin_deg(arg);
    }
    return jde + c + planetary;
}

/* Local civil day (as a JDN) on which new moon k falls, at tz hours east. */
static long new_moon_day(long k, double tz)
{
    double jde = new_moon_jde(k);
    double jd_ut = jde - delta_t_days(jde);
    return (long)floor(jd_ut + 0.5 + tz / 24.0);
}

/* -------------------------------------------------------- solar longitude */

/* Apparent longitude of the Sun (degrees, [0, 360)) at JDE; Meeus ch. 25
 * (eqs. 25.2-25.4, 25.8 and the apparent-longitude correction). */
static double sun_longitude(double jde)
{
    double t = (jde - 2451545.0) / 36525.0;
    double l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
    double m = 357.52911 + 35999.05029 * t - 0.0001537 * t * t;
    double c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin_deg(m) +
               (0.019993 - 0.000101 * t) * sin_deg(2 * m) + 0.000289 * sin_deg(3 * m);
    double omega = 125.04 - 1934.136 * t;
    double lambda = l0 + c - 0.00569 - 0.00478 * sin_deg(omega);
    lambda = fmod(lambda, 360.0);
    if (lambda < 0)
        lambda += 360.0;
    return lambda;
}

/* Sun's longitude at the start (local midnight) of local day `jdn`. */
static double sun_longitude_at_day_start(long jdn, double tz)
{
    double jd_ut = (double)jdn - 0.5 - tz / 24.0;
    return sun_longitude(jd_ut + delta_t_days(jd_ut));
}

/* Principal-term sector (0..11) at the start of local day jdn. */
static int sector_at_day_start(long jdn, double tz)
{
    int s = (int)floor(sun_longitude_at_day_start(jdn, tz) / 30.0);
    return s > 11 ? 11 : s;
}

/* --------------------------------------------------------- calendar rules */

/* Number of the new moon that begins month 11 of the lunar year in which
 * the winter solstice of Gregorian `year` falls: the month whose local days
 * [start, next start) contain the day of the 270° crossing, i.e. the
 * longitude at its first midnight is < 270 and at the next month's first
 * midnight >= 270 (longitude grows monotonically, 270 is far from the
 * 0/360 wrap). */
static long month11_new_moon(int year, double tz)
{
    fc_date dec21 = {year, 12, 21};
    double jd = (double)fc_date_to_jdn(dec21);
    long k = (long)floor((jd - NEW_MOON_EPOCH) / SYNODIC_MONTH);
    for (int guard = 0; guard < 4; guard++) {
        if (sun_longitude_at_day_start(new_moon_day(k, tz), tz) >= 270.0)
            k--;
        else if (sun_longitude_at_day_start(new_moon_day(k + 1, tz), tz) < 270.0)
            k++;
        else
            break;
    }
    return k;
}

/* Lunations of the lunar year that ends with month 11 numbered k11b and
 * starts after month 11 numbered k11a: 12, or 13 with a leap month.  Sets
 * *leap_offset to the offset from k11a (1..12) of the leap month, or 0. */
static void leap_month_offset(long k11a, long k11b, double tz, int *leap_offset)
{
    *leap_offset = 0;
    if (k11b - k11a != 13)
        return;
    int prev = sector_at_day_start(new_moon_day(k11a + 1, tz), tz);
    for (int i = 1; i <= 12; i++) {
        int next = sector_at_day_start(new_moon_day(k11a + i + 1, tz), tz);
        if (next == prev) {    /* no principal term inside month i */
            *leap_offset = i;
            return;
        }
        prev = next;
    }
}

/* Offset from month-11 new moon k11a (of the previous Gregorian year) of
 * ordinary month `month` (1..10) or, with leap = 1, of its leap month. */
static int month_offset(int month, int leap, int leap_offset)
{
    /* ordinary months after month 11: 12 at offset 1, 1 at 2, ..., m at m+1 */
    int off = month + 1;
    if (leap_offset == 0)
        return leap ? -1 : off;
    /* the leap month at leap_offset repeats the number of offset - 1 */
    if (leap)
        return leap_offset == off + 1 ? leap_offset : -1;
    return off >= leap_offset ? off + 1 : off;
}

double fc_country_utc_offset(fc_country country, int year)
{
    if (country == FC_COUNTRY_VN && year >= 1968)
        return 7.0;
    return 8.0;
}

static fc_status check_lunar_year(int year, fc_error *err)
{
    if (year < FC_LUNAR_YEAR_MIN || year > FC_LUNAR_YEAR_MAX)
        return fc_fail(err, FC_ERANGE,
                       "year %d is outside %d..%d, where the lunar calendar is computed",
                       year, FC_LUNAR_YEAR_MIN, FC_LUNAR_YEAR_MAX);
    return FC_OK;
}

static fc_status check_tz(double tz, fc_error *err)
{
    if (!(tz >= -12.0 && tz <= 14.0))
        return fc_fail(err, FC_EINVAL, "UTC offset %g hours is outside -12..14", tz);
    return FC_OK;
}

/* New-moon number beginning lunar month (month, leap) of lunar year `year`
 * (the one that begins in Gregorian `year`); -1 offset = no such month. */
static fc_status lunar_month_new_moon(int year, int month, int leap, double tz,
                                      long *k_out, fc_error *err)
{
    long k11a = month11_new_moon(year - 1, tz);
    long k11b = month11_new_moon(year, tz);
    if (month <= 10) {
        int lo;
        leap_month_offset(k11a, k11b, tz, &lo);
        int off = month_offset(month, leap, lo);
        if (off < 0)
            return fc_fail(err, FC_EDOMAIN, "lunar year %d has no leap month %d", year, month);
        *k_out = k11a + off;
        return FC_OK;
    }
    /* months 11 and 12 follow month 11 (k11b) of the next interval */
    long k11c = month11_new_moon(year + 1, tz);
    int lo;
    leap_month_offset(k11b, k11c, tz, &lo);
    int off;
    if (month == 11)
        off = leap ? (lo == 1 ? 1 : -1) : 0;
    else if (leap)
        off = lo == 2 ? 2 : -1;
    else
        off = lo == 1 ? 2 : 1;
    if (off < 0)
        return fc_fail(err, FC_EDOMAIN, "lunar year %d has no leap month %d", year, month);
    *k_out = k11b + off;
    return FC_OK;
}

fc_status fc_lunar_new_year_tz(int year, double utc_offset_hours, fc_date *out,
                               fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_lunar_new_year_tz: NULL output");
    fc_status st = check_lunar_year(year, err);
    if (st == FC_OK)
        st = check_tz(utc_offset_hours, err);
    if (st != FC_OK)
        return st;
    long k;
    st = lunar_month_new_moon(year, 1, 0, utc_offset_hours, &k, err);
    if (st != FC_OK)
        return st;
    *out = fc_date_from_jdn(new_moon_day(k, utc_offset_hours));
    return FC_OK;
}

fc_status fc_lunar_new_year(int year, fc_country country, fc_date *out, fc_error *err)
{
    if (country != FC_COUNTRY_VN && country != FC_COUNTRY_CN)
        return fc_fail(err, FC_EINVAL, "unknown country code %d", (int)country);
    return fc_lunar_new_year_tz(year, fc_country_utc_offset(country, year), out, err);
}

fc_status fc_lunar_to_solar(int year, int month, int leap, int day, fc_country country,
                            fc_date *out, fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_lunar_to_solar: NULL output");
    if (country != FC_COUNTRY_VN && country != FC_COUNTRY_CN)
        return fc_fail(err, FC_EINVAL, "unknown country code %d", (int)country);
    if (month < 1 || month > 12 || day < 1 || day > 30 || (leap != 0 && leap != 1))
        return fc_fail(err, FC_EINVAL,
                       "lunar date %d/%d%s is invalid (month 1..12, day 1..30)", day,
                       month, leap ? " (leap)" : "");
    fc_status st = check_lunar_year(year, err);
    if (st != FC_OK)
        return st;
    double tz = fc_country_utc_offset(country, year);
    long k;
    st = lunar_month_new_moon(year, month, leap, tz, &k, err);
    if (st != FC_OK)
        return st;
    long first = new_moon_day(k, tz);
    long length = new_moon_day(k + 1, tz) - first;
    if (day > length)
        return fc_fail(err, FC_EDOMAIN, "lunar month %d%s of %d has %ld days, not %d",
                       month, leap ? " (leap)" : "", year, length, day);
    *out = fc_date_from_jdn(first + day - 1);
    return FC_OK;
}

fc_status fc_country_parse(const char *text, fc_country *out, fc_error *err)
{
    if (!text || !out)
        return fc_fail(err, FC_EINVAL, "fc_country_parse: NULL argument");
    char lower[3] = {0, 0, 0};
    int ok = strlen(text) == 2;
    for (int i = 0; ok && i < 2; i++)
        lower[i] = (char)tolower((unsigned char)text[i]);
    if (ok && strcmp(lower, "vn") == 0) {
        *out = FC_COUNTRY_VN;
        return FC_OK;
    }
    if (ok && strcmp(lower, "cn") == 0) {
        *out = FC_COUNTRY_CN;
        return FC_OK;
    }
    return fc_fail(err, FC_EINVAL, "unknown country \"%s\" (use vn for Vietnam or cn for China)",
                   text);
}
