/* Assertions for table-driven tests (a static const array of cases and one
 * loop): each one names the failing case, then fails through the matching
 * cmocka assertion, so a failure report says which row of the table broke
 * and with which values.  Include after <cmocka.h>.
 *
 * `name` is the case's name (a string); the other arguments are evaluated
 * exactly once. */
#ifndef TESTS_CASE_TABLE_H
#define TESTS_CASE_TABLE_H

#include <math.h>
#include <string.h>

/* cond holds. */
#define CASE_TRUE(name, cond)                                                  \
    do {                                                                       \
        int case_ok_ = !!(cond);                                               \
        if (!case_ok_)                                                         \
            print_message("case '%s': %s is false\n", (name), #cond);          \
        assert_true(case_ok_);                                                 \
    } while (0)

/* Integers a and b are equal. */
#define CASE_INT_EQUAL(name, a, b)                                             \
    do {                                                                       \
        long long case_a_ = (long long)(a), case_b_ = (long long)(b);          \
        if (case_a_ != case_b_)                                                \
            print_message("case '%s': %s == %s\n", (name), #a, #b);            \
        assert_int_equal(case_a_, case_b_);                                    \
    } while (0)

/* Strings a and b are equal. */
#define CASE_STRING_EQUAL(name, a, b)                                          \
    do {                                                                       \
        const char *case_a_ = (a), *case_b_ = (b);                             \
        if (!case_a_ || !case_b_ || strcmp(case_a_, case_b_) != 0)             \
            print_message("case '%s': %s == %s\n", (name), #a, #b);            \
        assert_string_equal(case_a_, case_b_);                                 \
    } while (0)

/* Text contains needle (a substring check on messages and output). */
#define CASE_CONTAINS(name, text, needle)                                      \
    do {                                                                       \
        const char *case_t_ = (text), *case_n_ = (needle);                     \
        const char *case_hit_ = strstr(case_t_, case_n_);                      \
        if (!case_hit_)                                                        \
            print_message("case '%s': \"%s\" not found in %s:\n%s\n", (name),   \
                          case_n_, #text, case_t_);                            \
        assert_non_null(case_hit_);                                            \
    } while (0)

/* The status of a call is `want` and, when needle is not NULL, the message
 * `text` (read after the call) contains it. */
#define CASE_STATUS(name, got, want, text, needle)                             \
    do {                                                                       \
        const char *case_needle_ = (needle);                                   \
        CASE_INT_EQUAL(name, got, want);                                       \
        if (case_needle_)                                                      \
            CASE_CONTAINS(name, text, case_needle_);                           \
    } while (0)

/* Reports a failed closeness check (name may be NULL outside a table);
 * returns ok. */
static inline int case_report_close(const char *name, const char *expr, double got, double want,
                                    double tol, int ok)
{
    if (!ok) {
        if (name)
            print_message("case '%s': ", name);
        print_message("%s = %.17g, expected %.17g (tolerance %g)\n", expr, got, want, tol);
    }
    return ok;
}

/* |got - want| < tol (strict, as the hand-written checks it replaces). */
#define CASE_NEAR(name, got, want, tol)                                        \
    do {                                                                       \
        double case_g_ = (got), case_w_ = (want), case_tol_ = (tol);           \
        assert_true(case_report_close((name), #got, case_g_, case_w_, case_tol_, \
                                      fabs(case_g_ - case_w_) < case_tol_));   \
    } while (0)

/* |got - want| <= tol (inclusive, as assert_close in the suites). */
#define CASE_WITHIN(name, got, want, tol)                                      \
    do {                                                                       \
        double case_g_ = (got), case_w_ = (want), case_tol_ = (tol);           \
        assert_true(case_report_close((name), #got, case_g_, case_w_, case_tol_, \
                                      fabs(case_g_ - case_w_) <= case_tol_));  \
    } while (0)

/* The same outside a table: the message names the expression. */
#define ASSERT_WITHIN(got, want, tol) CASE_WITHIN(NULL, got, want, tol)

#endif
