# SPDX-License-Identifier: GPL-2.0
# Tests of the scanner itself: fixtures (sparse validation style), bad
# input, and the integration scans of Debian's real trees.
check-fixtures: all
	tests/run-fixtures
check-badinput: all
	tests/run-badinput
.PHONY: check-fixtures check-badinput
CHECKS += check-fixtures check-badinput
