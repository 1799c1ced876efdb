// SPDX-License-Identifier: GPL-2.0
/*
 * Subcommands not built yet.  Each moves to its own file when it is
 * written, and leaves this one.
 */
#include "mmprep.h"
#include "reports.h"

#include <stdio.h>

static int not_yet(const char *what)
{
	fprintf(stderr, "mmprep: %s is not available in this build\n", what);
	return EXIT_USAGE;
}

int cmd_patches(int argc, char **argv)
{
	return not_yet("patches");
}

const report_writer_fn report_writers[] = {
	html_write, sarif_write, summary_md_write, NULL,
};
