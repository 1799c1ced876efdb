# SPDX-License-Identifier: GPL-2.0
#
# mmprep - find and convert legacy ->mmap users in a Linux tree.
#
#   make                 build the analyzer
#   make deps            install what is missing (Debian, apt-get)
#   make scan KDIR=...   scan a tree (default: Debian's linux-source-6.12)
#   make check           run the test suite
#   make bench KDIR=...  time a cold scan against a Coccinelle pass
#   make install PREFIX=...
#
# The sources are listed here, folder by folder (analyzer/mmprep.h is the
# map, analyzer/LAYERS the allowed dependencies); the fragments in
# mk/*.mk add commands and tests only.

LLVM_CONFIG ?= llvm-config-19
CC ?= cc
CFLAGS ?= -O2 -g
PREFIX ?= /usr/local
BUILD := build
J ?= $(shell nproc)
ARCH ?=
REPORTS ?=
MMPREP_CACHE ?= $(HOME)/.cache/mmprep
export MMPREP_CACHE

LLVM_INC := $(shell $(LLVM_CONFIG) --includedir 2>/dev/null || echo /usr/lib/llvm-19/include)
LLVM_LIB := $(shell $(LLVM_CONFIG) --libdir 2>/dev/null || echo /usr/lib/llvm-19/lib)

WARN := -Wall -Wextra -Wno-unused-parameter -Wshadow -Wstrict-prototypes
BASE_CFLAGS := -std=gnu11 $(WARN) -MMD -MP -Ianalyzer
WORKER_CFLAGS := $(BASE_CFLAGS) -I$(LLVM_INC)
WORKER_LIBS := -L$(LLVM_LIB) -Wl,-rpath,$(LLVM_LIB) -lclang -ljansson
DRIVER_LIBS := -ljansson -lxxhash

# The driver, folder by folder in the order a scan runs through them.
COMMON_SRC := util.c proc.c
TREE_SRC := tree.c sources.c kbuild.c shim.c makeflags.c makefile.c \
	    makeexpand.c built.c compdb.c select.c directives.c
ANALYSIS_SRC := vmflags.c symindex.c fixpoint.c dispatch.c nullpath.c \
		evidence.c annotate.c categorize.c analyze.c
SCAN_SRC := scan.c pool.c pch.c pch_build.c cache.c merge.c
REPORTS_SRC := report.c writers.c render.c ranking.c ksm.c html.c sarif.c \
	       summary_md.c
TRACK_SRC := track.c track_git.c track_stats.c track_doc.c track_out.c \
	     track_chart.c
CLI_SRC := main.c options.c scan.c track.c explain.c report.c patches.c \
	   check.c
DRIVER_SRC := $(addprefix common/,$(COMMON_SRC)) \
	      $(addprefix tree/,$(TREE_SRC)) \
	      $(addprefix analysis/,$(ANALYSIS_SRC)) \
	      $(addprefix scan/,$(SCAN_SRC)) \
	      $(addprefix reports/,$(REPORTS_SRC)) \
	      $(addprefix track/,$(TRACK_SRC)) \
	      $(addprefix cli/,$(CLI_SRC))
# The parse worker, the only part linked with libclang.
WORKER_SRC := $(addprefix worker/,parse.c discover.c summarize.c \
		stores.c opsfield.c inclusions.c pch.c replay.c types.c \
		cursor.c) common/util.c
CHECKS :=
.DEFAULT_GOAL := all
INSTALL_EXTRA :=

# A default real tree for "make scan" without KDIR: Debian's
# linux-source-6.12, unpacked into the cache (never into this checkout).
# Defined before the fragments, which use them in prerequisites.
DEFAULT_TREE_VERSION ?= 6.12
debian-tree = $(MMPREP_CACHE)/src/linux-source-$(1)

-include mk/*.mk

DRIVER_OBJ = $(addprefix $(BUILD)/driver/,$(DRIVER_SRC:.c=.o))
WORKER_OBJ = $(addprefix $(BUILD)/worker/,$(WORKER_SRC:.c=.o))
LIBEXEC_BUILD := $(abspath $(BUILD))
DATADIR_BUILD := $(abspath semantic-patches)

# The driver's binary: ./mmprep, or build-asan/mmprep and the like for
# the builds of mk/hardening.mk (BUILD=... DRIVER_BIN=...).
DRIVER_BIN ?= mmprep

all: $(DRIVER_BIN) $(BUILD)/mmprep-parse
.PHONY: all deps scan check bench install clean clean-cache

$(DRIVER_BIN): $(DRIVER_OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(DRIVER_LIBS)

$(BUILD)/mmprep-parse: $(WORKER_OBJ)
	$(CC) $(CFLAGS) -o $@ $^ $(WORKER_LIBS)

$(BUILD)/driver/%.o: analyzer/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(BASE_CFLAGS) -DMMPREP_LIBEXEC='"$(LIBEXEC_BUILD)"' \
		-DMMPREP_CLANG_RESOURCE='"$(LLVM_LIB)/clang"' \
		-DMMPREP_DATADIR='"$(DATADIR_BUILD)"' -c -o $@ $<

$(BUILD)/worker/%.o: analyzer/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(WORKER_CFLAGS) -c -o $@ $<

-include $(DRIVER_OBJ:.o=.d) $(WORKER_OBJ:.o=.d)

# Debian packages: build, parse, Coccinelle, sparse, and what a kernel
# "make allmodconfig prepare" needs.
DEB_PKGS += make gcc libc6-dev libclang-19-dev llvm-19-dev libjansson-dev \
	    libxxhash-dev coccinelle sparse flex bison bc libelf-dev libssl-dev \
	    xz-utils git python3 perl
# DEB_CMDS: command:package, installed only when the command is missing
# (node and npm may come from another nodejs package that conflicts with
# Debian's npm).
deps:
	@missing=$$(for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
		grep -q '^install ok installed' || echo $$p; done; \
		for c in $(DEB_CMDS); do \
		command -v $${c%%:*} >/dev/null 2>&1 || echo $${c#*:}; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
			--no-install-recommends $$missing >/dev/null; \
	fi
	@$(MAKE) --no-print-directory all

$(MMPREP_CACHE)/src/linux-source-%/Makefile:
	@pkg=linux-source-$*; \
	dpkg-query -W -f='$${Status}\n' $$pkg 2>/dev/null | grep -q '^install ok installed' || { \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		$$SUDO apt-get install -y -qq --no-install-recommends $$pkg >/dev/null; }
	@mkdir -p $(MMPREP_CACHE)/src
	tar -C $(MMPREP_CACHE)/src -xf /usr/src/linux-source-$*.tar.xz
	@touch $@
# Kept: make would otherwise delete it as an intermediate of a check.
.PRECIOUS: $(MMPREP_CACHE)/src/linux-source-%/Makefile

KDIR ?=
SCAN_KDIR = $(if $(KDIR),$(KDIR),$(call debian-tree,$(DEFAULT_TREE_VERSION)))
# NO_PREPARE=1: never run the tree's own Makefile (README, "Trust")
NO_PREPARE ?=
SCAN_FLAGS = -j $(J) $(if $(ARCH),--arch $(ARCH)) $(if $(O),--objdir $(O)) \
	     $(if $(REPORTS),--reports $(REPORTS)) \
	     $(if $(filter 1,$(NO_PREPARE)),--no-prepare)
scan: deps $(if $(KDIR),,$(call debian-tree,$(DEFAULT_TREE_VERSION))/Makefile)
	./mmprep scan $(SCAN_FLAGS) $(SCAN_KDIR)

check: deps $(CHECKS)
	@echo "all checks passed"

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/libexec/mmprep \
		$(DESTDIR)$(PREFIX)/share/mmprep
	$(MAKE) --no-print-directory clean-objs
	$(MAKE) --no-print-directory all \
		LIBEXEC_BUILD=$(PREFIX)/libexec/mmprep \
		DATADIR_BUILD=$(PREFIX)/share/mmprep/semantic-patches
	install -m 755 mmprep $(DESTDIR)$(PREFIX)/bin/mmprep
	install -m 755 $(BUILD)/mmprep-parse $(DESTDIR)$(PREFIX)/libexec/mmprep/
	cp -r semantic-patches $(DESTDIR)$(PREFIX)/share/mmprep/
	$(MAKE) --no-print-directory clean-objs
	$(INSTALL_EXTRA)

clean-objs:
	rm -rf $(BUILD) mmprep build-asan build-fuzz

clean: clean-objs
	rm -rf tests/out

clean-cache:
	rm -rf $(MMPREP_CACHE)/trees $(MMPREP_CACHE)/facts
