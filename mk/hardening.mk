# SPDX-License-Identifier: GPL-2.0
# Sanitizers and fuzzing, with Debian's clang-19 and its runtimes.
#
#   make check-asan      both binaries built with -fsanitize=address,undefined
#                        into build-asan/ (the normal build is left alone),
#                        then the fixtures, bad-input, determinism,
#                        compdb and pch suites run with them; any report
#                        fails it
#   make fuzz [FUZZ_S=N] each libFuzzer target (tests/fuzz/) N seconds
#                        (default 60) from its seed corpus in
#                        tests/fuzz/corpus/<target>; what it finds goes to
#                        tests/out/fuzz/<target>/
#                        (FUZZ_TARGETS="makefile directives": those only)
#   make check-fuzz      the same, 20 seconds each (part of make check)
DEB_PKGS += clang-19 libclang-rt-19-dev libseccomp-dev

SAN_CC := clang-19
SAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	     -fno-sanitize-recover=undefined
ASAN_DIR := build-asan
FUZZ_DIR := build-fuzz
FUZZ_TARGETS := compdb kbuild scanjson tsv makefile directives
FUZZ_S ?= 60

# Sanitizer reports go to files, so that one in a worker (whose stderr
# the driver sends to /dev/null) is seen too.  (On a whole kernel tree,
# add intercept_strstr=0: ASan's strstr() measures the whole haystack on
# every call, which makes the text pass quadratic on large headers.)
ASAN_LOG = $(abspath tests/out/asan)/log
SAN_ENV = ASAN_OPTIONS=log_path=$(ASAN_LOG):detect_leaks=1 \
	  UBSAN_OPTIONS=log_path=$(ASAN_LOG):print_stacktrace=1:halt_on_error=1

asan-build:
	$(MAKE) --no-print-directory BUILD=$(ASAN_DIR) \
		DRIVER_BIN=$(ASAN_DIR)/mmprep CC=$(SAN_CC) \
		CFLAGS="$(SAN_FLAGS)" all

check-asan: asan-build
	@rm -rf tests/out/asan && mkdir -p tests/out/asan
	@status=0; for t in fixtures badinput determinism compdb pch; do \
		env $(SAN_ENV) MMPREP=$(abspath $(ASAN_DIR)/mmprep) \
			MMPREP_WORKER=$(abspath $(ASAN_DIR)/mmprep-parse) \
			tests/run-$$t || status=1; \
	done; \
	if ls tests/out/asan/log.* >/dev/null 2>&1; then \
		echo "check-asan: sanitizer reports:"; cat tests/out/asan/log.*; \
		status=1; \
	fi; \
	[ $$status -eq 0 ] && echo "check-asan: no sanitizer report" || exit 1

# The fuzz targets link the driver's objects (but main) built with the
# fuzzer's instrumentation, in their own directory.
# (DRIVER_OBJ is defined after the fragments: expanded a second time.)
FUZZ_LIB_OBJ = $(filter-out %/cli/main.o,$(DRIVER_OBJ))
.SECONDEXPANSION:
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $$(FUZZ_LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer $(BASE_CFLAGS) -o $@ $< \
		$(FUZZ_LIB_OBJ) $(DRIVER_LIBS) -lseccomp

fuzz-build:
	$(MAKE) --no-print-directory BUILD=$(FUZZ_DIR) CC=$(SAN_CC) \
		CFLAGS="$(SAN_FLAGS) -fsanitize=fuzzer-no-link" \
		$(addprefix $(FUZZ_DIR)/fuzz/fuzz_,$(FUZZ_TARGETS))

# -close_fd_mask=3: the targets' own output (die(), explain) is noise;
# libFuzzer keeps its own.  Leaks are not checked: bad input ends in
# die(), which in mmprep ends the process.
fuzz: fuzz-build
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p tests/out/fuzz/$$t/corpus tests/out/fuzz/$$t/tmp; \
		echo "fuzz: $$t, $(FUZZ_S) s"; \
		TMPDIR=$(abspath tests/out/fuzz)/$$t/tmp \
		ASAN_OPTIONS=detect_leaks=0 $(FUZZ_DIR)/fuzz/fuzz_$$t -max_total_time=$(FUZZ_S) -timeout=20 \
			-close_fd_mask=3 -detect_leaks=0 -print_final_stats=1 \
			-artifact_prefix=tests/out/fuzz/$$t/ \
			tests/out/fuzz/$$t/corpus tests/fuzz/corpus/$$t \
			>tests/out/fuzz/$$t.log 2>&1 || \
			{ tail -40 tests/out/fuzz/$$t.log; exit 1; }; \
		grep -E '^stat::number_of_executed_units|^Done' \
			tests/out/fuzz/$$t.log | tr '\n' ' '; echo; \
	done

check-fuzz:
	@$(MAKE) --no-print-directory fuzz FUZZ_S=20

.PHONY: asan-build check-asan fuzz-build fuzz check-fuzz
CHECKS += check-asan check-fuzz
