// SPDX-License-Identifier: GPL-2.0
/*
 * mmprep report SCAN.json [DIR]: index.html, scan.sarif and summary.md
 * written again from a saved scan.
 */
#include "cli/cli.h"
#include "reports/reports.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_report(int argc, char **argv)
{
	json_error_t err;
	json_t *scan;
	char *copy, *dir;

	if (argc < 2 || argc > 3 || argv[1][0] == '-') {
		fputs("usage: mmprep --report SCAN.json [DIR]\n"
		      "writes index.html, scan.sarif and summary.md for a saved "
		      "scan (default DIR: next to SCAN.json)\n",
		      argc == 2 && !strcmp(argv[1], "--help") ? stdout : stderr);
		return argc == 2 && !strcmp(argv[1], "--help") ?
		       EXIT_OK : EXIT_USAGE;
	}
	scan = json_load_file(argv[1], 0, &err);
	if (!scan)
		die(EXIT_UNREADABLE, "%s:%d: %s", argv[1], err.line, err.text);
	if (!json_is_array(json_object_get(scan, "entries")))
		die(EXIT_UNREADABLE, "%s: not an mmprep scan (no entries)",
		    argv[1]);
	copy = xstrdup(argv[1]);
	dir = argc == 3 ? argv[2] : dirname(copy);
	report_write_extra(scan, dir);
	free(copy);
	json_decref(scan);
	return EXIT_OK;
}
