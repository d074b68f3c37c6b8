/* In-process harness shared by the CLI tests (tests/test_cli_*.c): a command's
 * source is compiled into the test, run with stdout and stderr redirected to
 * temporary files, and its exit status and output read back; plus temporary
 * input files and splitting of CSV output lines.
 *
 * Include after <cmocka.h> and the command sources.  Output buffer sizes can
 * be set per test by defining CLI_OUT_SIZE / CLI_ERR_SIZE before inclusion
 * (longer output is truncated).  Functions are static inline so that a test
 * not using one of them still builds with -Werror. */
#ifndef TESTS_CLI_HARNESS_H
#define TESTS_CLI_HARNESS_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef CLI_OUT_SIZE
#define CLI_OUT_SIZE 16384
#endif
#ifndef CLI_ERR_SIZE
#define CLI_ERR_SIZE 2048
#endif

typedef int (*cli_command_fn)(int, char **);

/* Exit status and captured (NUL-terminated) stdout and stderr of one run. */
typedef struct {
    int rc;
    char out[CLI_OUT_SIZE];
    char err[CLI_ERR_SIZE];
} cli_result;

/* Reads the whole of f (from its start) into buf, truncated to size - 1. */
static inline void cli_slurp(FILE *f, char *buf, size_t size)
{
    rewind(f);
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
}

/* Runs fn(argc, argv) with file descriptors 1 and 2 redirected to temporary
 * files, restoring them afterwards. */
static inline void cli_capture(cli_command_fn fn, int argc, char **argv, cli_result *r)
{
    FILE *out = tmpfile(), *err = tmpfile();
    assert_non_null(out);
    assert_non_null(err);
    fflush(stdout);
    fflush(stderr);
    int saved_out = dup(1), saved_err = dup(2);
    dup2(fileno(out), 1);
    dup2(fileno(err), 2);
    r->rc = fn(argc, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(saved_out, 1);
    dup2(saved_err, 2);
    close(saved_out);
    close(saved_err);
    cli_slurp(out, r->out, sizeof r->out);
    cli_slurp(err, r->err, sizeof r->err);
    fclose(out);
    fclose(err);
}

/* Creates a temporary file from the mkstemp template `tmpl` (ending in
 * XXXXXX), copies its name into path and returns it open for writing. */
static inline FILE *cli_temp_open(char *path, const char *tmpl)
{
    strcpy(path, tmpl);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    return f;
}

/* Writes text to a new temporary file (see cli_temp_open). */
static inline void cli_temp_file(char *path, const char *tmpl, const char *text)
{
    FILE *f = cli_temp_open(path, tmpl);
    fputs(text, f);
    fclose(f);
}

/* Start of line k (0-based) of text; fails the test if there is none. */
static inline const char *cli_line_start(const char *text, int k)
{
    const char *p = text;
    for (int i = 0; i < k && p; i++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    assert_non_null(p);
    return p;
}

/* Splits line k (0-based) of text into at most 8 comma-separated cells of
 * at most 63 characters; returns the number of cells. */
static inline int cli_fields(const char *text, int k, char f[8][64])
{
    const char *p = cli_line_start(text, k);
    int n = 0;
    size_t len = 0;
    memset(f, 0, 8 * 64);
    for (; *p && *p != '\n'; p++) {
        if (*p == ',') {
            n++;
            len = 0;
        } else if (len < 63) {
            f[n][len++] = *p;
        }
    }
    return n + 1;
}

/* A cell as a number, NaN when empty. */
static inline double cli_num(const char *cell) { return *cell ? strtod(cell, NULL) : NAN; }

#endif
