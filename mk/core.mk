# SPDX-License-Identifier: GPL-2.0
# Tests of the scanner itself: fixtures (sparse validation style), bad
# input, and integration scans of Debian's real trees; and the benchmark.
DEB_PKGS += jq time

check-fixtures: all
	tests/run-fixtures
check-determinism: all
	tests/run-determinism
check-badinput: all
	tests/run-badinput
check-compdb: all
	tests/run-compdb
# A hostile tree: its names, compile database, symlinks and git trees
# must not make mmprep write, run or leak anything.
check-hostile: all
	tests/run-hostile
# explain, --list, --timeout, --objdir, --arch, excluded, --no-prepare's
# stand-in headers and the patches wrapper.
check-cli: all
	tests/run-cli
# shared precompiled headers: the same facts as without, cached, rebuilt
check-pch: all
	tests/run-pch
# analyzer/'s folders depend on each other only as analyzer/LAYERS says.
check-layers: all
	tests/run-layers

# Debian's trees, unpacked into the cache by the rule in the Makefile.
check-integration-%: all $(MMPREP_CACHE)/src/linux-source-%/Makefile
	tests/run-integration tests/integration/linux-$*.checks \
		$(MMPREP_CACHE)/src/linux-source-$*

# BENCH_TRACK: the trees "mmprep track" runs over, with and without PCHs
# (default with KDIR: Debian's 6.12, then KDIR).  When KDIR (or BENCH_GIT)
# is a git repository, the bench also times a further revision against a
# cold scan: see bench-track in mk/track.mk.
BENCH_TRACK ?= $(if $(KDIR),$(call debian-tree,6.12) $(KDIR))
bench: deps $(if $(KDIR),,$(call debian-tree,$(DEFAULT_TREE_VERSION))/Makefile) \
	$(filter $(MMPREP_CACHE)/src/%,$(addsuffix /Makefile,$(BENCH_TRACK)))
	tests/bench/run $(SCAN_KDIR) $(J) $(BENCH_TRACK)
	@if [ -n "$(BENCH_GIT)" ] && git -C "$(BENCH_GIT)" rev-parse -q \
		--verify "$(BENCH_TO)^{commit}" >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory bench-track; \
	else \
		echo "bench: track: skipped, BENCH_GIT='$(BENCH_GIT)' is not a git repository with $(BENCH_TO)"; \
	fi

.PHONY: check-fixtures check-badinput check-determinism check-compdb \
	check-hostile check-cli check-pch check-layers bench
CHECKS += check-layers check-fixtures check-badinput check-determinism check-compdb \
	  check-hostile check-cli check-pch \
	  check-integration-6.12 check-integration-6.1
