// SPDX-License-Identifier: GPL-2.0
/*
 * A scan.json (or functions.json) from anywhere, as its readers take it:
 * "mmprep report" (scan.txt, index.html, scan.sarif, summary.md), track's
 * counts and differences, and "mmprep explain".  Every field may be
 * missing or of another type.
 */
#include "fuzz.h"
#include "cli/cli.h"
#include "reports/reports.h"
#include "track/track.h"

static void track_reads(json_t *scan)
{
	json_t *cost = json_object(), *none = json_object(), *r, *a, *b, *d;

	r = track_summary("a", NULL, scan, cost);
	a = track_keys(scan);
	b = track_keys(scan);
	d = track_diff("a", "b", a, none);
	json_decref(d);
	json_decref(none);
	d = track_diff("a", "b", a, b);
	json_decref(d);
	json_decref(a);
	json_decref(b);
	json_decref(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *out;
	json_t *volatile doc;

	if (!out) {
		out = path_join(fuzz_dir(), "reports");
		/* the libraries index.html inlines, tiny */
		free(fuzz_file("js/jquery/jquery.min.js", (const uint8_t *)"1", 1));
		free(fuzz_file("js/jquery-datatables/jquery.dataTables.min.js",
			       (const uint8_t *)"1", 1));
		free(fuzz_file("js/jquery-datatables/css/jquery.dataTables.min.css",
			       (const uint8_t *)"a{}", 3));
		free(fuzz_file("js/chart.js/chart.min.js", (const uint8_t *)"1", 1));
		setenv("MMPREP_JS_DIR", path_join(fuzz_dir(), "js"), 1);
	}
	doc = json_loadb((const char *)data, size, 0, NULL);
	if (!doc)
		return 0;
	if (!setjmp(fuzz_jump)) {
		if (json_is_array(doc)) {
			json_t *first = json_array_get(doc, 0);

			explain_print(doc, jstr(first, "name"));
		} else {
			report_write(doc, out);
			report_summary(doc, stdout);
			track_reads(doc);
		}
	}
	json_decref(doc);
	return 0;
}
