/* libforecast: calendar, holidays and calendar regressors (calendar layer).
 *
 * Three parts:
 *   1. civil dates (proleptic Gregorian), Easter, and the Lunar New Year
 *      computed from astronomy for a time zone (lunar.c);
 *   2. calendar regressors for monthly (freq 12) and quarterly (freq 4)
 *      series: trading day, working day, leap year / length of period,
 *      Easter[w] and Lunar New Year windows (calendar.c, calregs.c);
 *   3. national holiday calendars as data (a CSV of dates; holidays.c).
 *
 * Regressors are computed for any span, so they extend past the data for
 * forecasting (SEATS and the projection layer want >= 3 years ahead).
 * Nothing here keeps state; every function is thread safe. */
#ifndef FORECAST_CALENDAR_H
#define FORECAST_CALENDAR_H

#include "forecast/core.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ dates */

/* A civil date in the proleptic Gregorian calendar. */
typedef struct {
    int year;
    int month;   /* 1..12 */
    int day;     /* 1..31 */
} fc_date;

/* 1 if d is a valid Gregorian date (years 1..9999). */
int fc_date_valid(fc_date d);

/* Julian Day Number of the civil date (JDN of 2000-01-01 is 2451545).
 * d must be valid. */
long fc_date_to_jdn(fc_date d);

/* Civil date of a Julian Day Number. */
fc_date fc_date_from_jdn(long jdn);

/* ISO weekday: 1 = Monday ... 7 = Sunday.  d must be valid. */
int fc_date_weekday(fc_date d);

/* d + k days. */
fc_date fc_date_add_days(fc_date d, long k);

/* Parses "YYYY-MM-DD" (exactly).  FC_EPARSE with a message otherwise. */
fc_status fc_date_parse(const char *text, fc_date *out, fc_error *err);

/* Writes "YYYY-MM-DD"; buf needs 11 bytes.  FC_EINVAL if invalid/too small. */
fc_status fc_date_format(fc_date d, char *buf, size_t size);

/* ----------------------------------------------------------------- Easter */

/* Gregorian Easter Sunday of `year` (1583..9999), by the anonymous
 * Gregorian algorithm (Meeus, Astronomical Algorithms, 2nd ed., ch. 8).
 * Tested against ../shared/data/calendars/easter_dates.csv (R `seasonal`). */
fc_status fc_easter_date(int year, fc_date *out, fc_error *err);

/* ------------------------------------------------------ Lunar New Year */

/* Countries whose Lunar New Year the library knows.  The time zone of the
 * calendar is what differs: Vietnam computes on meridian 105 E (UTC+7),
 * China on 120 E (UTC+8). */
typedef enum {
    FC_COUNTRY_VN = 0,   /* Vietnam: Tết Nguyên Đán */
    FC_COUNTRY_CN = 1    /* China: Chunjie */
} fc_country;

/* Parses "vn" or "cn" (case-insensitive). */
fc_status fc_country_parse(const char *text, fc_country *out, fc_error *err);

/* First and last Gregorian years for which lunar dates are computed.  The
 * astronomy (and the ΔT model) is tested on 1930-2100; outside 1800-2200
 * the ΔT extrapolation makes dates unreliable, so they are refused. */
#define FC_LUNAR_YEAR_MIN 1800
#define FC_LUNAR_YEAR_MAX 2200

/* First day of the first lunar month that begins in Gregorian `year`, for a
 * calendar computed at `utc_offset_hours` east of Greenwich (7 for
 * Vietnam, 8 for China).
 *
 * Algorithm (rules of the Chinese/Vietnamese calendar, as stated by Hồ Ngọc
 * Đức, "The Vietnamese calendar", and domain.md §3.3):
 *   - a month begins on the local civil day containing a new moon (new
 *     moons: Meeus ch. 49 with its planetary corrections; TD -> UT with the
 *     Espenak-Meeus ΔT polynomials);
 *   - the month containing the winter solstice is month 11;
 *   - when 13 new moons separate two months 11, the first month after
 *     month 11 containing no principal term (solar longitude multiple of
 *     30°, Meeus ch. 25 apparent longitude) is a leap month.
 * Tested against domain.md's Vietnam table (1968-2100) at UTC+7 and R
 * `seasonal::cny` (1930-2030) at UTC+8. */
fc_status fc_lunar_new_year_tz(int year, double utc_offset_hours,
                               fc_date *out, fc_error *err);

/* Lunar New Year as observed in a country.  Vietnam adopted the UTC+7
 * calendar on 8 Aug 1967 (North; the South followed in 1975), so for
 * FC_COUNTRY_VN years <= 1967 use UTC+8, like China, and years >= 1968
 * use UTC+7 (1968 therefore gives the northern date, 29 Jan, not the
 * southern 30 Jan). */
fc_status fc_lunar_new_year(int year, fc_country country, fc_date *out,
                            fc_error *err);

/* Gregorian date of lunar day `day` (1..30) of lunar month `month` (1..12,
 * `leap` = 1 for the intercalary month of that number) of the lunar year
 * that begins in Gregorian `year`, in the country's calendar.  FC_EDOMAIN
 * when that leap month does not exist in that year or the month is shorter
 * than `day`.  Used for lunar holidays (Hùng Kings: 10/3). */
fc_status fc_lunar_to_solar(int year, int month, int leap, int day,
                            fc_country country, fc_date *out, fc_error *err);

/* Utility: UTC offset (hours) of the country's calendar in `year`. */
double fc_country_utc_offset(fc_country country, int year);

/* ---------------------------------------------------- calendar regressors */

/* All regressor functions fill out[i*ncol + j] (row-major n x ncol, the
 * layout of gsl_matrix_view_array) for the n periods starting at `start`
 * of a series of frequency `freq` (12 or 4).  Periods may lie past the
 * data: pass the data length plus the forecast horizon.  Years must lie in
 * 1583..9999 (Easter, Gregorian weekdays) or FC_LUNAR_YEAR_MIN..MAX (LNY).
 * Errors: FC_EFREQ, FC_EINVAL (NULL, n = 0), FC_ERANGE (years). */

/* A set of holiday dates (sorted or not, duplicates ignored) that are not
 * worked; they count as Sundays in td and as non-working days in td1. */
typedef struct {
    const fc_date *dates;
    size_t n;
} fc_holidays;

/* X-13 `td` (tdnolpyear): 6 columns Mon..Sat, each (count of that weekday
 * in the period) - (count of Sundays).  Holidays falling on Mon..Sat are
 * counted as Sundays (JDemetra+ convention for national calendars); with
 * no holidays this is exactly X-13's regressor.  ncol = 6. */
fc_status fc_calendar_td(int freq, fc_period start, size_t n,
                         const fc_holidays *holidays, double *out,
                         fc_error *err);

/* X-13 `td1coef` ("Weekday"): (Mon..Fri days) - 5/2 (Sat+Sun days), with
 * holidays falling on Mon..Fri moved from the first to the second count.
 * Tested against X-13's regressors.csv (AirPassengers, USAccDeaths). */
fc_status fc_calendar_td1(int freq, fc_period start, size_t n,
                          const fc_holidays *holidays, double *out,
                          fc_error *err);

/* Working days in the period: Mon..Fri minus holidays on Mon..Fri. */
fc_status fc_calendar_working_days(int freq, fc_period start, size_t n,
                                   const fc_holidays *holidays, double *out,
                                   fc_error *err);

/* X-13 `lpyear`: February (Q1) of a leap year 0.75, of other years -0.25,
 * other periods 0. */
fc_status fc_calendar_lpyear(int freq, fc_period start, size_t n,
                             double *out, fc_error *err);

/* X-13 `lom` / `loq`: days in the period minus the long-run mean
 * (30.4375 for months, 91.3125 for quarters). */
fc_status fc_calendar_length(int freq, fc_period start, size_t n,
                             double *out, fc_error *err);

/* Maximum Easter window accepted by X-13 (easter[1]..easter[25]). */
#define FC_EASTER_W_MAX 25

/* X-13 `easter[w]`: share of the w days before Easter Sunday (Easter - w ..
 * Easter - 1) falling in each period, minus the long-run mean share of
 * that calendar month (quarter).  Like X-13 the means are the averages over
 * the 500 years 1600-2099, rounded to 7 decimals (X-13 stores them so:
 * e.g. March mean for w = 15 is 0.4973333, giving the -0.430666633333333
 * of IPB50001N 1990-03).  Nonzero only in Feb (w > 22), Mar, Apr; Q1/Q2.
 * Tested against X-13's Easter[1], Easter[8] (monthly and quarterly) and
 * Easter[15] regressors.  1 <= w <= 25.  ncol = 1. */
fc_status fc_calendar_easter(int freq, fc_period start, size_t n, int w,
                             double *out, fc_error *err);

/* A Lunar New Year window: days [first, last] relative to New Year's Day
 * (day 0), inclusive; first <= last, |first|,|last| <= 60. */
typedef struct {
    int first;
    int last;
} fc_lny_window;

/* Default windows (domain.md §3.2): before [-20,-1], holiday [0,+6],
 * after [+7,+14]. */
#define FC_LNY_BEFORE_DEFAULT ((fc_lny_window){-20, -1})
#define FC_LNY_HOLIDAY_DEFAULT ((fc_lny_window){0, 6})
#define FC_LNY_AFTER_DEFAULT ((fc_lny_window){7, 14})

/* Lunar New Year regressor (Bell and Hillmer 1983; Census `genhol`, as in
 * R seasonal::genhol with center = "calendar"): the share of the window's
 * days that fall in each period, minus the mean share of that calendar
 * month (quarter) over the New Years of years center_from..center_to.
 * domain.md §3.3 gives [computed] centred values used as test vectors (Jan
 * mean 0.7173 for [-20,-1] over Tết 1968-2100).  ncol = 1. */
typedef struct {
    fc_country country;
    int center_from;     /* default 1968 */
    int center_to;       /* default 2100 */
} fc_lny_options;

fc_lny_options fc_lny_options_default(void);

fc_status fc_calendar_lny(int freq, fc_period start, size_t n,
                          fc_lny_window window, const fc_lny_options *opt,
                          double *out, fc_error *err);

/* Uncentred variant: the raw share of the window in each period. */
fc_status fc_calendar_lny_share(int freq, fc_period start, size_t n,
                                fc_lny_window window, fc_country country,
                                double *out, fc_error *err);

/* ------------------------------------------ a regressor matrix from a spec */

/* Options of fc_calendar_matrix_build. */
typedef struct {
    fc_country country;           /* LNY time zone and default holidays */
    fc_lny_window lny[3];         /* windows of "lny" (before, holiday, after) */
    int lny_center_from, lny_center_to;
    fc_holidays holidays;         /* counted out of working days (td, td1, wd) */
} fc_calendar_options;

fc_calendar_options fc_calendar_options_default(void);

/* Regressors chosen by a comma-separated spec; each item and its columns:
 *   td        6: Mon Tue Wed Thu Fri Sat       (X-13 td / tdnolpyear)
 *   td1       1: Weekday                        (X-13 td1coef)
 *   wd        1: WorkingDays  (count, uncentred)
 *   lpyear    1: LeapYear                       (X-13 lpyear)
 *   lom       1: LengthOfPeriod                 (X-13 lom / loq)
 *   easter[w] 1: Easter[w]                      (X-13 easter[w]; "easter" = easter[8])
 *   lny       3: LNY[-20:-1] LNY[0:6] LNY[7:14] (the three windows of opt)
 *   lny[a,b]  1: LNY[a:b]                        (one window; lny[a:b] also accepted)
 * Column names are as shown (X-13's where X-13 has the regressor); they
 * contain no comma, so they are plain CSV header cells. */
typedef struct {
    size_t n;         /* rows (periods) */
    size_t ncol;      /* columns */
    int freq;
    fc_period start;
    double *x;        /* n * ncol, row-major: x[i * ncol + j] */
    char **names;     /* ncol column names */
} fc_calendar_matrix;

fc_status fc_calendar_matrix_build(const char *spec, int freq,
                                   fc_period start, size_t n,
                                   const fc_calendar_options *opt,
                                   fc_calendar_matrix **out, fc_error *err);

void fc_calendar_matrix_free(fc_calendar_matrix *m);

/* ------------------------------------------------------ holiday calendars */

/* Reads a holiday CSV: header row whose first column is `date`, then one
 * row per holiday, first cell YYYY-MM-DD (other columns such as name or
 * source are ignored).  Errors say FILE:LINE:COLUMN.  *dates is allocated
 * (free with free()); *n may be 0. */
fc_status fc_holidays_read_csv(const char *path, fc_date **dates, size_t *n,
                               fc_error *err);

/* One rule-derived public holiday. */
typedef struct {
    fc_date date;
    const char *name;   /* static string */
} fc_holiday_entry;

/* Vietnamese public days off derived from the Labour Code (2012 Art. 115
 * for years <= 2020, 2019 Art. 112 from 2021): New Year (1/1); Tết, 5 days
 * placed as the last day of the lunar year + the first 4 days of the new
 * one (one of the placements Decree 45/2013 allows); Hùng Kings (10/3
 * lunar, from 2007); Reunification (30/4); Labour Day (1/5); National Day
 * (2/9, plus 1/9 from 2021).  A holiday on Saturday or Sunday is
 * compensated on the next working day not already a holiday.  The actual
 * days are set each year by decree (swaps, bridges), which this rule does
 * not know: use a decree CSV where it matters.  Allocates *out (free()). */
fc_status fc_holidays_vietnam(int year_from, int year_to,
                              fc_holiday_entry **out, size_t *n,
                              fc_error *err);

#ifdef __cplusplus
}
#endif

#endif
