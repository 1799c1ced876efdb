# SPDX-License-Identifier: GPL-2.0
# mmprep track: .mmap_prepare adoption across kernel releases.
#
#   make track KDIR=<git repository> REVS="v6.12 v6.16 v7.0"
#   make track KDIR=<git repository> REVS="v6.12..v7.0"   (or 'v6.1[0-9]')
#   make track KDIRS="<tree> <tree> ..."                   (unpacked trees)
#   make bench-track   cold scan of one revision vs the next, incremental
#
# Reports go to reports/track-<name>/ (TRACK_NAME=... to choose it); the
# per-file facts cache lives in $(MMPREP_CACHE)/facts.
# gnuplot draws adoption.svg.
DEB_PKGS += gnuplot-nox

REVS ?=
KDIRS ?=
TRACK_NAME ?=
TRACK_FLAGS = -j $(J) $(if $(ARCH),--arch $(ARCH)) \
	      $(if $(TRACK_NAME),--name $(TRACK_NAME)) \
	      $(if $(REPORTS),--reports $(REPORTS)) \
	      $(if $(filter 1,$(NO_PREPARE)),--no-prepare)

track: deps
	@if [ -n "$(KDIRS)" ]; then \
		./mmprep track $(TRACK_FLAGS) $(KDIRS); \
	elif [ -n "$(KDIR)" ] && [ -n "$(REVS)" ]; then \
		./mmprep track $(TRACK_FLAGS) --git $(KDIR) $(REVS); \
	else \
		echo 'usage: make track KDIR=<git repo> REVS="v6.12 v7.0"' \
		     ' | make track KDIRS="<tree> <tree>"' >&2; exit 2; \
	fi

check-track: all
	tests/run-track

# KDIRS form on Debian's two trees: counts equal to "mmprep scan".  It
# runs after check-integration-*, whose scans of the same trees filled
# the facts cache, so it costs little more than the analysis.
DEBIAN_TRACK_TREES = $(foreach v,6.1 6.12,$(call debian-tree,$(v)))
check-track-debian: all $(addsuffix /Makefile,$(DEBIAN_TRACK_TREES))
	tests/run-track-debian $(DEBIAN_TRACK_TREES)

# A cold scan of BENCH_FROM, then BENCH_TO with the facts cache
# BENCH_FROM left: worker runs and time of each (tests/track/bench).
# BENCH_ONLY="file.c ..." restricts both scans to a few files.
BENCH_GIT ?= $(KDIR)
BENCH_FROM ?= HEAD~1
BENCH_TO ?= HEAD
BENCH_ONLY ?=
BENCH_FLAGS ?=
bench-track: all
	@test -n "$(BENCH_GIT)" || { echo "make bench-track needs KDIR=<git repository>"; exit 2; }
	BENCH_FLAGS="-j $(J) $(BENCH_FLAGS)" tests/track/bench \
		$(BENCH_GIT) $(BENCH_FROM) $(BENCH_TO) $(BENCH_ONLY)

.PHONY: track check-track check-track-debian bench-track
CHECKS += check-track check-track-debian
