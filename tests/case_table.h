/* Assertions for table-driven tests (a static const array of cases and one
 * loop): each one names the failing case, then fails through the matching
 * cmocka assertion at the caller's file and line, so a failure report says
 * which row of the table broke and with which values.  Include after
 * <cmocka.h>.
 *
 * `name` is the case's name (a string); the other arguments are evaluated
 * exactly once. */
#ifndef TESTS_CASE_TABLE_H
#define TESTS_CASE_TABLE_H

#include <math.h>
#include <string.h>

/* Prints "case 'name': what" when ok is false (name NULL: "what" alone);
 * returns ok. */
static inline int case_noted(int ok, const char *name, const char *what)
{
    if (!ok && name)
        print_message("case '%s': %s\n", name, what);
    else if (!ok)
        print_message("%s\n", what);
    return ok;
}

static inline void case_true(const char *name, const char *what, int ok, const char *file,
                             int line)
{
    _assert_true(case_noted(ok, name, what), what, file, line);
}

static inline void case_int_equal(const char *name, const char *what, long long a, long long b,
                                  const char *file, int line)
{
    case_noted(a == b, name, what);
    _assert_int_equal((LargestIntegralType)a, (LargestIntegralType)b, file, line);
}

static inline void case_string_equal(const char *name, const char *what, const char *a,
                                     const char *b, const char *file, int line)
{
    case_noted(a && b && strcmp(a, b) == 0, name, what);
    _assert_string_equal(a, b, file, line);
}

static inline void case_contains(const char *name, const char *what, const char *text,
                                 const char *needle, const char *file, int line)
{
    int found = text && needle && strstr(text, needle) != NULL;
    if (!found && name)
        print_message("case '%s': \"%s\" not found in %s:\n%s\n", name, needle, what,
                      text ? text : "(null)");
    _assert_true(found, what, file, line);
}

/* got is within tol of want: strict (|got - want| < tol) or inclusive. */
static inline void case_close(const char *name, const char *what, double got, double want,
                              double tol, int inclusive, const char *file, int line)
{
    double d = fabs(got - want);
    int ok = inclusive ? d <= tol : d < tol;
    if (!ok) {
        if (name)
            print_message("case '%s': ", name);
        print_message("%s = %.17g, expected %.17g (tolerance %g)\n", what, got, want, tol);
    }
    _assert_true(ok, what, file, line);
}

/* cond holds. */
#define CASE_TRUE(name, cond) case_true((name), #cond " is false", !!(cond), __FILE__, __LINE__)

/* Integers a and b are equal. */
#define CASE_INT_EQUAL(name, a, b)                                                                 \
    case_int_equal((name), #a " == " #b, (long long)(a), (long long)(b), __FILE__, __LINE__)

/* Strings a and b are equal. */
#define CASE_STRING_EQUAL(name, a, b)                                                              \
    case_string_equal((name), #a " == " #b, (a), (b), __FILE__, __LINE__)

/* Text contains needle (a substring check on messages and output). */
#define CASE_CONTAINS(name, text, needle)                                                          \
    case_contains((name), #text, (text), (needle), __FILE__, __LINE__)

/* The status of a call is `want` and, when needle is not NULL, the message
 * `text` (read after the call) contains it. */
#define CASE_STATUS(name, got, want, text, needle)                                                 \
    do {                                                                                           \
        const char *case_needle_ = (needle);                                                       \
        CASE_INT_EQUAL(name, got, want);                                                           \
        if (case_needle_)                                                                          \
            CASE_CONTAINS(name, text, case_needle_);                                               \
    } while (0)

/* |got - want| < tol (strict, as the hand-written checks it replaces). */
#define CASE_NEAR(name, got, want, tol)                                                            \
    case_close((name), #got, (got), (want), (tol), 0, __FILE__, __LINE__)

/* |got - want| <= tol (inclusive, as the suites' former assert_close). */
#define CASE_WITHIN(name, got, want, tol)                                                          \
    case_close((name), #got, (got), (want), (tol), 1, __FILE__, __LINE__)

/* The same outside a table: the message names the expression. */
#define ASSERT_WITHIN(got, want, tol) CASE_WITHIN(NULL, got, want, tol)

#endif
