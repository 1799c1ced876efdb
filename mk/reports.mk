# SPDX-License-Identifier: GPL-2.0
# Reports for people and tools (index.html, scan.sarif, summary.md), the
# kbuild CHECK= mode, and the man page.
# index.html inlines these at generation time; without them it falls back
# to plain tables.  The tests also need chromium and python3-jsonschema,
# node and npm (playwright-core and the SARIF schema come from npm), and
# groff to lint the man page.
DEB_PKGS += libjs-jquery libjs-jquery-datatables libjs-chart.js chromium \
	    python3-jsonschema groff-base
DEB_CMDS += node:nodejs npm:npm
INSTALL_EXTRA += install -D -m 644 mmprep.1 \
	$(DESTDIR)$(PREFIX)/share/man/man1/mmprep.1;
check-reports: all
	tests/run-reports
.PHONY: check-reports
CHECKS += check-reports
# make C=2 CHECK=mmprep on Debian's 6.12.  In make check: with the build
# directory check-integration-6.12's scan prepared as O=, and the facts
# it left (seconds).  make check-kbuild: in a linked copy of the tree
# configured in place (a few minutes).
check-kbuild-o: all check-integration-6.12
	tests/run-kbuild-check $(call debian-tree,6.12)
check-kbuild: all
	tests/run-kbuild-check --full
.PHONY: check-kbuild check-kbuild-o
CHECKS += check-kbuild-o
