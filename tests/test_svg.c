/* SVG writer of --plot (bindings/cli/svg.c, compiled in here).  The Python
 * tests parse the CLI's charts with xml.etree; these check the pieces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../bindings/cli/svg.c"

static char *render(const char *title, const svg_panel *panels, size_t np, int *rc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    *rc = svg_write(f, title, panels, np, 400, 300);
    fclose(f);
    return buf;
}

static size_t count(const char *hay, const char *needle)
{
    size_t k = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++)
        k++;
    return k;
}

static void test_nice_ticks_are_one_two_five_steps(void **state)
{
    (void)state;
    double first, step;
    size_t n = svg_nice_ticks(0.3, 9.7, 6, &first, &step);
    assert_true(step == 2.0);
    assert_true(first == 2.0);
    assert_int_equal(n, 4); /* 2 4 6 8 */
    n = svg_nice_ticks(93.1, 134.9, 6, &first, &step);
    assert_true(step == 10.0);
    assert_true(first == 100.0);
    assert_int_equal(n, 4);
    n = svg_nice_ticks(-0.02, 0.03, 6, &first, &step);
    assert_true(fabs(step - 0.01) < 1e-15);
    assert_int_equal(n, 6);
    assert_int_equal(svg_nice_ticks(NAN, 1, 6, &first, &step), 0);
    /* a flat series still gets ticks */
    assert_true(svg_nice_ticks(5, 5, 6, &first, &step) >= 1);
}

static void test_escape_makes_text_safe_for_xml(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    svg_escape(f, "Exports <USD> & \"imports\" 'x'");
    fclose(f);
    assert_string_equal(buf, "Exports &lt;USD&gt; &amp; &quot;imports&quot; &apos;x&apos;");
    free(buf);
}

static void test_missing_values_split_the_line(void **state)
{
    (void)state;
    const char *labels[] = {"2020-11", "2020-12", "2021-01", "2021-02", "2021-03"};
    double y[] = {1, 2, NAN, 4, 5};
    svg_line line = {"iip", y, "#000", 0, 0};
    svg_panel p = {"t", 5, labels, &line, 1, NULL, 0};
    int rc;
    char *svg = render("Chart & co", &p, 1, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(count(svg, "<polyline"), 2);
    assert_non_null(strstr(svg, "Chart &amp; co"));
    assert_non_null(strstr(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert_non_null(strstr(svg, "</svg>\n"));
    /* the year start is labelled */
    assert_non_null(strstr(svg, ">2021-01</text>"));
    free(svg);
}

static void test_band_is_one_polygon_per_finite_run(void **state)
{
    (void)state;
    const char *labels[] = {"2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"};
    double mean[] = {NAN, 2, 3, 4}, lo[] = {NAN, 1, 2, 3}, hi[] = {NAN, 3, 4, 5};
    svg_line line = {"forecast", mean, NULL, 2, 1};
    svg_band band = {"80% interval", lo, hi, NULL, 0};
    svg_panel p = {NULL, 4, labels, &line, 1, &band, 1};
    int rc;
    char *svg = render(NULL, &p, 1, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(count(svg, "<polygon"), 1);
    assert_int_equal(count(svg, "stroke-dasharray"), 1);
    assert_non_null(strstr(svg, "80% interval"));
    free(svg);
}

static void test_output_is_deterministic(void **state)
{
    (void)state;
    const char *labels[] = {"2021-01", "2021-02", "2021-03"};
    double y[] = {1.5, 2.25, 3.125};
    svg_line line = {"a", y, NULL, 0, 0};
    svg_panel p[2] = {{"one", 3, labels, &line, 1, NULL, 0}, {"two", 3, labels, &line, 1, NULL, 0}};
    int rc1, rc2;
    char *a = render("x", p, 2, &rc1), *b = render("x", p, 2, &rc2);
    assert_int_equal(rc1, 0);
    assert_string_equal(a, b);
    assert_int_equal(count(a, "class=\"panel\""), 2);
    free(a);
    free(b);
}

static void test_invalid_arguments_are_rejected(void **state)
{
    (void)state;
    const char *labels[] = {"2021-01"};
    double y[] = {1};
    svg_line line = {"a", y, NULL, 0, 0};
    svg_line noy = {"a", NULL, NULL, 0, 0};
    svg_panel empty = {NULL, 0, labels, &line, 1, NULL, 0};
    svg_panel bad = {NULL, 1, labels, &noy, 1, NULL, 0};
    svg_panel nolabels = {NULL, 1, NULL, &line, 1, NULL, 0};
    FILE *f = tmpfile();
    assert_int_equal(svg_write(f, NULL, NULL, 0, 0, 0), -1);
    assert_int_equal(svg_write(f, NULL, &empty, 1, 0, 0), -1);
    assert_int_equal(svg_write(f, NULL, &bad, 1, 0, 0), -1);
    assert_int_equal(svg_write(f, NULL, &nolabels, 1, 0, 0), -1);
    assert_int_equal(svg_write(NULL, NULL, &bad, 1, 0, 0), -1);
    fclose(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nice_ticks_are_one_two_five_steps),
        cmocka_unit_test(test_escape_makes_text_safe_for_xml),
        cmocka_unit_test(test_missing_values_split_the_line),
        cmocka_unit_test(test_band_is_one_polygon_per_finite_run),
        cmocka_unit_test(test_output_is_deterministic),
        cmocka_unit_test(test_invalid_arguments_are_rejected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
