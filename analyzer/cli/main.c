// SPDX-License-Identifier: GPL-2.0
/*
 * mmprep: find the mmap entry points of a Linux tree, what they do to the
 * VMA, and convert them to ->mmap_prepare.  main() only picks the command
 * (cli.h).
 */
#include "cli/cli.h"
#include "mmprep.h"

#include <malloc.h>
#include <stdio.h>
#include <string.h>

static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{ "scan", cmd_scan },
	{ "explain", cmd_explain },
	{ "track", cmd_track },
	{ "patches", cmd_patches },
	{ "report", cmd_report },
	{ "--report", cmd_report },	/* its first spelling */
	{ NULL, NULL },
};

int main(int argc, char **argv)
{
	/*
	 * The facts are many small JSON values, freed among reads of whole
	 * files: with fast bins, glibc's malloc_consolidate() took a tenth
	 * of a rescan.
	 */
	mallopt(M_MXFAST, 0);
	if (argc < 2)
		cli_usage(EXIT_USAGE);
	for (int i = 0; commands[i].name; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	/* kbuild: $(CHECK) $(CHECKFLAGS) $(c_flags) file.c */
	if (argv[1][0] == '-' && strcmp(argv[1], "--help") &&
	    strcmp(argv[1], "-h") && strcmp(argv[1], "--version"))
		return cmd_check(argc, argv);
	if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
		printf("mmprep %s\n", MMPREP_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h"))
		cli_usage(EXIT_OK);
	fprintf(stderr, "mmprep: unknown command '%s'\n", argv[1]);
	cli_usage(EXIT_USAGE);
}
