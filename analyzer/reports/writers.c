// SPDX-License-Identifier: GPL-2.0
/* The reports written next to scan.json, in this order (see reports.h). */
#include "reports/reports.h"

static void (*const writers[])(json_t *scan, const char *dir) = {
	html_write, sarif_write, summary_md_write,
};

void report_write_extra(json_t *scan, const char *dir)
{
	for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]); i++)
		writers[i](scan, dir);
}
