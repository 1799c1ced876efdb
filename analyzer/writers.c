// SPDX-License-Identifier: GPL-2.0
/* The reports written next to scan.json, in this order (see reports.h). */
#include "mmprep.h"
#include "reports.h"

const report_writer_fn report_writers[] = {
	html_write, sarif_write, summary_md_write, NULL,
};
