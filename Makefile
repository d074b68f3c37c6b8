# libforecast — build, test, install.  See README.md for the two quick-start
# commands (make demo, make test) and DESIGN.md for the layout.

VERSION   := 0.1.0
SOVERSION := 0
PREFIX    ?= /usr/local
DESTDIR   ?=
BUILD     ?= build

CC        ?= cc
OPT       ?= -O2
SANITIZE  ?=
CSTD      := -std=c11 -D_POSIX_C_SOURCE=200809L
WARN      := -Wall -Wextra -Wpedantic -Werror
# Recursive (=) so that pkg-config runs after `make deps` installed it.
PKG_CFLAGS = $(shell pkg-config --cflags gsl 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs gsl 2>/dev/null) -lm
CMOCKA_CFLAGS = $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   = $(shell pkg-config --libs cmocka 2>/dev/null)
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) $(SANITIZE) -Iinclude $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = $(SANITIZE) $(LDFLAGS)

LIB_SRC   := $(sort $(wildcard libforecast/*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_SRC   := $(sort $(wildcard bindings/cli/*.c))
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TEST_SRC  := $(sort $(wildcard tests/test_*.c))
TEST_BIN  := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(sort $(wildcard benchmarks/bench_*.c))
BENCH_BIN := $(BENCH_SRC:benchmarks/%.c=$(BUILD)/bench/%)

SONAME    := libforecast.so.$(SOVERSION)
SHARED    := $(BUILD)/libforecast.so.$(VERSION)
STATIC    := $(BUILD)/libforecast.a
CLI       := $(BUILD)/forecast

DEB_PACKAGES := build-essential pkg-config libgsl-dev libcmocka-dev python3

.PHONY: all lib cli deps check-deps test test-c test-python test-embed test-acceptance test-asan \
        demo bench bench-m3 install uninstall clean tests benches

all: check-deps
	@$(MAKE) --no-print-directory lib cli

lib: $(SHARED) $(BUILD)/libforecast.so $(STATIC)
cli: $(CLI)

# ---------------------------------------------------------------- dependencies
# Installs the Debian packages the build needs when pkg-config cannot find
# them (as root through apt-get; otherwise prints the command to run).
deps:
	@missing=""; \
	command -v pkg-config >/dev/null 2>&1 || missing="yes"; \
	pkg-config --exists gsl cmocka 2>/dev/null || missing="yes"; \
	command -v python3 >/dev/null 2>&1 || missing="yes"; \
	command -v $(CC) >/dev/null 2>&1 || missing="yes"; \
	if [ -z "$$missing" ]; then echo "deps: gsl $$(pkg-config --modversion gsl), cmocka $$(pkg-config --modversion cmocka) found"; exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "deps: installing $(DEB_PACKAGES)"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $(DEB_PACKAGES); \
	else \
	  echo "deps: missing packages; run:  sudo apt-get install -y $(DEB_PACKAGES)"; exit 1; \
	fi

check-deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists gsl cmocka 2>/dev/null; then \
	  $(MAKE) --no-print-directory deps; fi

# ----------------------------------------------------------------------- build
$(BUILD)/obj/libforecast/%.o: libforecast/%.c $(wildcard include/*.h include/forecast/*.h libforecast/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -fPIC -fvisibility=default -c $< -o $@

$(BUILD)/obj/bindings/cli/%.o: bindings/cli/%.c bindings/cli/cli.h $(wildcard include/*.h include/forecast/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(STATIC): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(SHARED): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,$(SONAME) $(LDFLAGS_ALL) -o $@ $^ $(PKG_LIBS)

$(BUILD)/libforecast.so: $(SHARED)
	ln -sf libforecast.so.$(VERSION) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $@

$(CLI): $(CLI_OBJ) $(STATIC)
	$(CC) $(LDFLAGS_ALL) -o $@ $(CLI_OBJ) $(STATIC) $(PKG_LIBS)

$(BUILD)/tests/%: tests/%.c $(STATIC) $(wildcard tests/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Ilibforecast $(CMOCKA_CFLAGS) $(LDFLAGS_ALL) -o $@ $< $(STATIC) $(CMOCKA_LIBS) $(PKG_LIBS) -lpthread

$(BUILD)/bench/%: benchmarks/%.c $(STATIC) $(wildcard benchmarks/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< $(STATIC) $(PKG_LIBS)

tests: $(TEST_BIN)
benches: $(BENCH_BIN)

# ----------------------------------------------------------------------- tests
# Every cmocka suite runs (from the repository root, so fixtures resolve);
# the summary lines reach the output and the target fails if any suite did.
test: check-deps
	@$(MAKE) --no-print-directory lib cli tests
	@$(MAKE) --no-print-directory test-c test-embed test-python test-acceptance

test-c:
	@failed=0; for t in $(TEST_BIN); do \
	  echo "== $$t"; \
	  if ! $$t; then failed=$$((failed + 1)); echo "FAILED: $$t"; fi; \
	done; \
	if [ $$failed -ne 0 ]; then echo "$$failed C test suite(s) failed"; exit 1; fi

test-embed: lib
	@sh tests/embed/check.sh $(BUILD)

test-python: lib
	@if [ -f bindings/python/tests/run.py ]; then \
	  LIBFORECAST_LIB=$(CURDIR)/$(BUILD)/libforecast.so python3 bindings/python/tests/run.py; \
	else echo "python bindings: no tests yet"; fi

# CLI and Python contracts (DESIGN.md §4-§5) against R on real series:
# tests/acceptance/check.py reads committed fixtures (no R, no network).
test-acceptance: lib cli
	@python3 tests/acceptance/check.py --cli $(BUILD)/forecast --lib $(CURDIR)/$(BUILD)/libforecast.so

# Library and tests under AddressSanitizer + UndefinedBehaviorSanitizer; any
# report aborts the suite and fails the target.
test-asan: check-deps
	@$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all" lib cli tests
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(MAKE) --no-print-directory BUILD=build-asan test-c

# ------------------------------------------------------------------ demo, bench
demo: check-deps
	@$(MAKE) --no-print-directory lib cli
	@sh bindings/cli/demo.sh $(BUILD)/forecast

bench: check-deps
	@$(MAKE) --no-print-directory benches
	@for b in $(BENCH_BIN); do echo "== $$b"; $$b || exit 1; done

# M3 monthly accuracy benchmark (minutes; not part of `make bench`):
# benchmarks/m3/README.md.  M3_ARGS e.g. "--data /path/to/m3 --limit 100".
$(BUILD)/bench/m3: benchmarks/m3/m3.c $(wildcard benchmarks/m3/*.h) $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -DM3_HAVE_AUTO -Ibenchmarks/m3 $(LDFLAGS_ALL) -o $@ $< $(STATIC) $(PKG_LIBS)

bench-m3: check-deps
	@$(MAKE) --no-print-directory $(BUILD)/bench/m3
	$(BUILD)/bench/m3 $(M3_ARGS)

# --------------------------------------------------------------------- install
install: all
	install -d $(DESTDIR)$(PREFIX)/include/forecast $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/bin
	install -m 644 include/forecast.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 include/forecast/*.h $(DESTDIR)$(PREFIX)/include/forecast/
	install -m 755 $(SHARED) $(DESTDIR)$(PREFIX)/lib/
	ln -sf libforecast.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(PREFIX)/lib/libforecast.so
	install -m 644 $(STATIC) $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(CLI) $(DESTDIR)$(PREFIX)/bin/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' libforecast/forecast.pc.in \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/forecast.pc

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/include/forecast $(DESTDIR)$(PREFIX)/include/forecast.h
	rm -f $(DESTDIR)$(PREFIX)/lib/libforecast.* $(DESTDIR)$(PREFIX)/lib/pkgconfig/forecast.pc
	rm -f $(DESTDIR)$(PREFIX)/bin/forecast

clean:
	rm -rf build build-asan
