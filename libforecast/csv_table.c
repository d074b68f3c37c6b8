/* Generic strict CSV table: the lexical layer shared by every CSV format of
 * the library (series, weights, hierarchies).  RFC 4180 quoting, LF or CRLF
 * line ends, a leading UTF-8 BOM, blank lines only at the end.  Errors are
 * "FILE:LINE:COLUMN: message" with 1-based lines and character columns. */
#include "internal.h"
#include "forecast/io.h"
#include "csv_internal.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Internal row 0 is the header; data row r is internal row r + 1.  Cells are
 * offsets into `text`, a private copy of the input in which every cell was
 * unescaped in place and NUL-terminated (unescaping never lengthens). */
struct fc_csv_table {
    char *source;
    char *text;
    size_t ncols;
    size_t nrows_all;     /* header included */
    size_t cap_rows;
    size_t *cell;         /* nrows_all * ncols offsets */
    unsigned *colpos;     /* nrows_all * ncols 1-based columns */
    unsigned *dline;      /* nrows_all * ncols: cell line minus row line
                             (nonzero after a quoted cell with line breaks) */
    size_t *line;         /* nrows_all 1-based lines */
};

static char *copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c)
        memcpy(c, s, n);
    return c;
}

/* ------------------------------------------------------------ positions */

static size_t internal_row(const fc_csv_table *t, size_t row)
{
    if (row == FC_CSV_HEADER)
        return 0;
    if (row >= t->nrows_all - 1)
        return (size_t)-1;
    return row + 1;
}

static fc_status fail_at(fc_error *err, fc_status status, const char *source,
                         size_t line, size_t col, const char *fmt, va_list ap)
{
    if (err) {
        int k = snprintf(err->message, sizeof err->message, "%s:%zu:%zu: ", source, line, col);
        if (k < 0)
            k = 0;
        if ((size_t)k < sizeof err->message)
            vsnprintf(err->message + k, sizeof err->message - (size_t)k, fmt, ap);
        err->status = status;
    }
    return status;
}

/* Line of the cell itself: the row's line unless a quoted cell before it
 * spanned several lines. */
static size_t cell_line(const fc_csv_table *t, size_t row, size_t col)
{
    size_t line = fc_csv_table_line(t, row);
    if (line && col < t->ncols)
        line += t->dline[internal_row(t, row) * t->ncols + col];
    return line;
}

fc_status fc_csv_table_fail(const fc_csv_table *t, size_t row, size_t col, fc_error *err,
                            fc_status status, const char *fmt, ...)
{
    size_t line = t ? cell_line(t, row, col) : 0;
    size_t column = t ? fc_csv_table_column(t, row, col) : 0;
    va_list ap;
    va_start(ap, fmt);
    fc_status st = fail_at(err, status, t ? t->source : "?", line, column, fmt, ap);
    va_end(ap);
    return st;
}

/* --------------------------------------------------------------- lexer */

typedef struct {
    fc_csv_table *t;
    size_t len;
    size_t i;            /* read position in t->text */
    size_t line, col;    /* position of t->text[i] */
    size_t row_cells;    /* cells seen in the current row */
    size_t extra_line, extra_col; /* first cell beyond the header's count */
    size_t blank_line;   /* first blank line seen (0 = none) */
    fc_error *err;
} lexer;

static fc_status lex_fail(lexer *lx, size_t line, size_t col, const char *fmt, ...)
    FC_PRINTF_LIKE(4, 5);

static fc_status lex_fail(lexer *lx, size_t line, size_t col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fc_status st = fail_at(lx->err, FC_EPARSE, lx->t->source, line, col, fmt, ap);
    va_end(ap);
    return st;
}

/* Column advance for byte c: UTF-8 continuation bytes do not start a character. */
static size_t char_step(unsigned char c) { return (c & 0xC0) != 0x80; }

static fc_status grow_rows(lexer *lx)
{
    fc_csv_table *t = lx->t;
    if (t->nrows_all < t->cap_rows)
        return FC_OK;
    size_t cap = t->cap_rows ? 2 * t->cap_rows : 64;
    size_t *cell = realloc(t->cell, cap * t->ncols * sizeof *cell);
    if (cell)
        t->cell = cell;
    unsigned *colpos = realloc(t->colpos, cap * t->ncols * sizeof *colpos);
    if (colpos)
        t->colpos = colpos;
    unsigned *dline = realloc(t->dline, cap * t->ncols * sizeof *dline);
    if (dline)
        t->dline = dline;
    size_t *line = realloc(t->line, cap * sizeof *line);
    if (line)
        t->line = line;
    if (!cell || !colpos || !dline || !line)
        return fc_fail(lx->err, FC_ENOMEM, "%s: out of memory reading row %zu",
                       t->source, t->nrows_all + 1);
    t->cap_rows = cap;
    return FC_OK;
}

static void store_cell(lexer *lx, size_t off, size_t row_line, size_t line, size_t col)
{
    fc_csv_table *t = lx->t;
    size_t k = lx->row_cells++;
    if (k >= t->ncols) {
        if (k == t->ncols) {
            lx->extra_line = line;
            lx->extra_col = col;
        }
        return;
    }
    t->cell[t->nrows_all * t->ncols + k] = off;
    t->colpos[t->nrows_all * t->ncols + k] = (unsigned)(col > 0xFFFFFFFFu ? 0xFFFFFFFFu : col);
    size_t d = line - row_line;
    t->dline[t->nrows_all * t->ncols + k] = (unsigned)(d > 0xFFFFFFFFu ? 0xFFFFFFFFu : d);
}

/* Reads a quoted cell starting at the opening quote; unescapes it in place. */
static fc_status lex_quoted(lexer *lx, size_t *off)
{
    char *s = lx->t->text;
    size_t start_line = lx->line, start_col = lx->col;
    size_t w = lx->i;
    *off = w;
    lx->i++;
    lx->col++;
    for (;;) {
        if (lx->i >= lx->len)
            return lex_fail(lx, start_line, start_col,
                            "quoted field is not closed (missing '\"' before the end of the file)");
        unsigned char c = (unsigned char)s[lx->i];
        if (c == '"') {
            if (lx->i + 1 < lx->len && s[lx->i + 1] == '"') {
                s[w++] = '"';
                lx->i += 2;
                lx->col += 2;
                continue;
            }
            lx->i++;
            lx->col++;
            break;
        }
        if (c == '\0')
            return lex_fail(lx, lx->line, lx->col, "NUL byte in the input (not a text CSV file?)");
        s[w++] = (char)c;
        lx->i++;
        if (c == '\n') {
            lx->line++;
            lx->col = 1;
        } else {
            lx->col += char_step(c);
        }
    }
    char next = lx->i < lx->len ? s[lx->i] : '\n';
    if (next != ',' && next != '\n' &&
        !(next == '\r' && lx->i + 1 < lx->len && s[lx->i + 1] == '\n'))
        return lex_fail(lx, lx->line, lx->col,
                        "unexpected text after the closing quote of a quoted field");
    s[w] = '\0';
    return FC_OK;
}

/* Reads an unquoted cell up to (not including) its terminator. */
static fc_status lex_plain(lexer *lx, size_t *off)
{
    char *s = lx->t->text;
    *off = lx->i;
    while (lx->i < lx->len) {
        unsigned char c = (unsigned char)s[lx->i];
        if (c == ',' || c == '\n')
            break;
        if (c == '\r') {
            if (lx->i + 1 < lx->len && s[lx->i + 1] == '\n')
                break;
            return lex_fail(lx, lx->line, lx->col,
                            "carriage return not followed by a line feed");
        }
        if (c == '"')
            return lex_fail(lx, lx->line, lx->col,
                            "quote inside an unquoted field (quote the whole field and write \"\" for a quote)");
        if (c == '\0')
            return lex_fail(lx, lx->line, lx->col, "NUL byte in the input (not a text CSV file?)");
        lx->i++;
        lx->col += char_step(c);
    }
    return FC_OK;
}

/* Consumes the terminator after a cell.  Returns 1 at the end of the row. */
static int lex_terminator(lexer *lx)
{
    char *s = lx->t->text;
    if (lx->i >= lx->len) {
        s[lx->len] = '\0';
        return 1;
    }
    char c = s[lx->i];
    s[lx->i] = '\0'; /* ends an unquoted cell; a quoted one is already ended */
    if (c == ',') {
        lx->i++;
        lx->col++;
        return 0;
    }
    lx->i += (c == '\r') ? 2 : 1;
    lx->line++;
    lx->col = 1;
    return 1;
}

static int at_line_end(const lexer *lx)
{
    const char *s = lx->t->text;
    return lx->i >= lx->len || s[lx->i] == '\n' ||
           (s[lx->i] == '\r' && lx->i + 1 < lx->len && s[lx->i + 1] == '\n');
}

/* Counts the header's cells (the row width) before lexing it, so that cell
 * storage can be sized per row.  Quotes toggle; "" toggles twice. */
static size_t count_header_cells(const lexer *lx)
{
    size_t n = 1;
    int quoted = 0;
    for (size_t i = lx->i; i < lx->len; i++) {
        char c = lx->t->text[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && c == ',')
            n++;
        else if (!quoted && c == '\n')
            break;
    }
    return n;
}

static fc_status lex_row(lexer *lx)
{
    fc_csv_table *t = lx->t;
    size_t row_line = lx->line;
    fc_status st = grow_rows(lx);
    if (st)
        return st;
    lx->row_cells = 0;
    for (;;) {
        size_t off, line = lx->line, col = lx->col;
        st = (lx->i < lx->len && t->text[lx->i] == '"') ? lex_quoted(lx, &off)
                                                          : lex_plain(lx, &off);
        if (st)
            return st;
        store_cell(lx, off, row_line, line, col);
        size_t end_line = lx->line, end_col = lx->col;
        if (lex_terminator(lx)) {
            if (lx->row_cells > t->ncols)
                return lex_fail(lx, lx->extra_line, lx->extra_col,
                                "row has %zu cells but the header has %zu",
                                lx->row_cells, t->ncols);
            if (lx->row_cells < t->ncols)
                return lex_fail(lx, end_line, end_col,
                                "row has %zu cell%s but the header has %zu",
                                lx->row_cells, lx->row_cells == 1 ? "" : "s", t->ncols);
            t->line[t->nrows_all++] = row_line;
            return FC_OK;
        }
    }
}

static fc_status lex_all(lexer *lx)
{
    fc_csv_table *t = lx->t;
    while (lx->i < lx->len) {
        if (at_line_end(lx)) { /* blank line: allowed only at the end */
            if (!lx->blank_line)
                lx->blank_line = lx->line;
            lex_terminator(lx);
            continue;
        }
        if (lx->blank_line)
            return lex_fail(lx, lx->blank_line, 1,
                            t->nrows_all ? "blank line inside the data (blank lines are allowed only at the end)"
                                         : "blank line before the header");
        if (t->nrows_all == 0)
            t->ncols = count_header_cells(lx);
        fc_status st = lex_row(lx);
        if (st)
            return st;
    }
    if (t->nrows_all == 0)
        return lex_fail(lx, 1, 1, "empty file (expected a header row, e.g. date,value)");
    if (t->nrows_all == 1)
        return lex_fail(lx, t->line[0], 1, "the file has a header but no data rows");
    return FC_OK;
}

/* ------------------------------------------------------------- reading */

fc_status fc_csv_table_read_buffer(const char *data, size_t len, const char *source_name,
                                   fc_csv_table **out, fc_error *err)
{
    if (!out)
        return fc_fail(err, FC_EINVAL, "fc_csv_table_read_buffer: NULL output pointer");
    *out = NULL;
    if (!data && len > 0)
        return fc_fail(err, FC_EINVAL, "fc_csv_table_read_buffer: NULL data");
    if (len == (size_t)-1)
        return fc_fail(err, FC_ENOMEM, "input too large");
    fc_csv_table *t = calloc(1, sizeof *t);
    if (!t)
        return fc_fail(err, FC_ENOMEM, "out of memory");
    t->source = copy_string(source_name ? source_name : "<buffer>");
    size_t skip = (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
    t->text = malloc(len - skip + 1);
    if (!t->source || !t->text) {
        fc_csv_table_free(t);
        return fc_fail(err, FC_ENOMEM, "out of memory copying %zu bytes of CSV", len);
    }
    if (len > skip)
        memcpy(t->text, data + skip, len - skip);
    t->text[len - skip] = '\0';
    lexer lx = {.t = t, .len = len - skip, .line = 1, .col = 1, .err = err};
    fc_status st = lex_all(&lx);
    if (st) {
        fc_csv_table_free(t);
        return st;
    }
    *out = t;
    return FC_OK;
}

fc_status fc_csv_slurp(const char *path, char **data, size_t *len, const char **source,
                       fc_error *err)
{
    *data = NULL;
    *len = 0;
    int use_stdin = strcmp(path, "-") == 0;
    *source = use_stdin ? "<stdin>" : path;
    FILE *f = use_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return fc_fail(err, FC_EIO, "%s: cannot open: %s", path, strerror(errno));
    size_t cap = 1 << 16, n = 0;
    int read_errno = 0;
    char *buf = malloc(cap);
    fc_status st = buf ? FC_OK : FC_ENOMEM;
    while (st == FC_OK) {
        if (n == cap) {
            char *bigger = cap > ((size_t)-1) / 2 ? NULL : realloc(buf, cap * 2);
            if (!bigger) {
                st = FC_ENOMEM;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                read_errno = errno;
                st = FC_EIO;
            }
            break;
        }
    }
    if (!use_stdin)
        fclose(f);
    if (st) {
        free(buf);
        return st == FC_EIO ? fc_fail(err, FC_EIO, "%s: cannot read: %s", *source, strerror(read_errno))
                            : fc_fail(err, FC_ENOMEM, "%s: out of memory reading the file", *source);
    }
    *data = buf;
    *len = n;
    return FC_OK;
}

fc_status fc_csv_table_read_file(const char *path, fc_csv_table **out, fc_error *err)
{
    if (!path || !out)
        return fc_fail(err, FC_EINVAL, "fc_csv_table_read_file: NULL argument");
    *out = NULL;
    char *data;
    size_t len;
    const char *source;
    fc_status st = fc_csv_slurp(path, &data, &len, &source, err);
    if (st)
        return st;
    st = fc_csv_table_read_buffer(data, len, source, out, err);
    free(data);
    return st;
}

void fc_csv_table_free(fc_csv_table *t)
{
    if (!t)
        return;
    free(t->source);
    free(t->text);
    free(t->cell);
    free(t->colpos);
    free(t->dline);
    free(t->line);
    free(t);
}

/* ------------------------------------------------------------ accessors */

const char *fc_csv_table_source(const fc_csv_table *t) { return t ? t->source : NULL; }

size_t fc_csv_table_rows(const fc_csv_table *t) { return t ? t->nrows_all - 1 : 0; }

size_t fc_csv_table_columns(const fc_csv_table *t) { return t ? t->ncols : 0; }

const char *fc_csv_table_cell(const fc_csv_table *t, size_t row, size_t col)
{
    if (!t || col >= t->ncols)
        return NULL;
    size_t r = internal_row(t, row);
    if (r == (size_t)-1)
        return NULL;
    return t->text + t->cell[r * t->ncols + col];
}

const char *fc_csv_table_header(const fc_csv_table *t, size_t col)
{
    return fc_csv_table_cell(t, FC_CSV_HEADER, col);
}

size_t fc_csv_table_line(const fc_csv_table *t, size_t row)
{
    if (!t)
        return 0;
    size_t r = internal_row(t, row);
    return r == (size_t)-1 ? 0 : t->line[r];
}

size_t fc_csv_table_column(const fc_csv_table *t, size_t row, size_t col)
{
    if (!t || col >= t->ncols)
        return 0;
    size_t r = internal_row(t, row);
    return r == (size_t)-1 ? 0 : t->colpos[r * t->ncols + col];
}

fc_status fc_csv_table_find_column(const fc_csv_table *t, const char *name, size_t *col)
{
    if (!t || !name || !col)
        return FC_EINVAL;
    for (size_t c = 0; c < t->ncols; c++)
        if (strcmp(fc_csv_table_header(t, c), name) == 0) {
            *col = c;
            return FC_OK;
        }
    return FC_ERANGE;
}

/* ------------------------------------------------------------- numbers */

/* Strict decimal syntax: [+-]digits[.digits][(e|E)[+-]digits], at least one
 * mantissa digit.  strtod alone would also take spaces, hex, "inf", "nan". */
static int is_decimal(const char *s)
{
    size_t digits = 0;
    if (*s == '+' || *s == '-')
        s++;
    while (*s >= '0' && *s <= '9') {
        s++;
        digits++;
    }
    if (*s == '.') {
        s++;
        while (*s >= '0' && *s <= '9') {
            s++;
            digits++;
        }
    }
    if (digits == 0)
        return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!(*s >= '0' && *s <= '9'))
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

/* Exact fast path for plain decimals with at most 15 digits and no
 * exponent: the digits form an integer m < 2^53 and 10^k (k <= 15) is exact,
 * so m / 10^k is the correctly rounded value, the same double strtod gives
 * (Clinger 1990, "How to read floating point numbers accurately", §3).
 * Returns 0 when the text needs the general path. */
static int fast_decimal(const char *s, double *out)
{
    static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                                   1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    int negative = *s == '-';
    if (*s == '-' || *s == '+')
        s++;
    unsigned long long m = 0;
    int digits = 0, frac = -1;
    for (; *s; s++) {
        if (*s == '.') {
            frac = 0;
            continue;
        }
        if (*s < '0' || *s > '9' || ++digits > 15)
            return 0; /* exponent or too many digits */
        m = 10 * m + (unsigned)(*s - '0');
        if (frac >= 0)
            frac++;
    }
    double x = (double)m / pow10[frac > 0 ? frac : 0];
    *out = negative ? -x : x;
    return 1;
}

int fc_csv_parse_number(const char *text, double *out)
{
    if (!is_decimal(text))
        return 1;
    if (fast_decimal(text, out))
        return 0;
    errno = 0;
    double x = strtod(text, NULL);
    if (!isfinite(x))
        return 2;
    *out = x;
    return 0;
}

fc_status fc_csv_table_number(const fc_csv_table *t, size_t row, size_t col,
                              int allow_empty, double *out, fc_error *err)
{
    const char *cell = fc_csv_table_cell(t, row, col);
    if (!cell || !out)
        return fc_fail(err, FC_EINVAL, "fc_csv_table_number: no cell at row %zu, column %zu",
                       row, col);
    if (*cell == '\0') {
        if (allow_empty) {
            *out = NAN;
            return FC_OK;
        }
        return fc_csv_table_fail(t, row, col, err, FC_EMISSING,
                                 "empty cell where a number is required");
    }
    int r = fc_csv_parse_number(cell, out);
    if (r == 1)
        return fc_csv_table_fail(t, row, col, err, FC_EPARSE, "\"%s\" is not a number", cell);
    if (r == 2)
        return fc_csv_table_fail(t, row, col, err, FC_EPARSE,
                                 "\"%s\" is out of the range of a double", cell);
    return FC_OK;
}
