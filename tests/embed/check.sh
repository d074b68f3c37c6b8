#!/bin/sh
# Embedding test: install libforecast into a temporary prefix, then build and
# run a small program with `pkg-config --cflags --libs forecast`, as another
# tool that embeds the library would.
set -eu
build=${1:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
make --no-print-directory -s install BUILD="$build" PREFIX="$tmp/prefix" >/dev/null
export PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig"
cat > "$tmp/app.c" <<'C'
#include <forecast.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    fc_period p;
    int freq;
    fc_error err;
    if (fc_period_parse("2021-03", &p, &freq, &err) != FC_OK || freq != 12)
        return 1;
    char buf[16];
    fc_period_format(fc_period_add(p, freq, 10), freq, buf, sizeof buf);
    if (strcmp(buf, "2022-01") != 0)
        return 2;
    if (fc_period_parse("2021-13", &p, &freq, &err) != FC_EPARSE)
        return 3;
    printf("embedded libforecast %s: %s\n", fc_version(), buf);
    return 0;
}
C
cc -std=c11 "$tmp/app.c" -o "$tmp/app" $(pkg-config --cflags --libs forecast)
LD_LIBRARY_PATH="$tmp/prefix/lib" "$tmp/app"
echo "embed: built and ran a program against the installed library (pkg-config forecast)"
