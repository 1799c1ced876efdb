// SPDX-License-Identifier: GPL-2.0
/*
 * The command line of every command but CHECK= mode, in one table: each
 * option once, with the commands that take it and its help line.
 * getopt_long()'s tables and the help texts are made from it, so an
 * option cannot be parsed without being documented, or the other way
 * round.
 */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SCAN_TRACK (CLI_SCAN | CLI_TRACK)

static const struct cli_opt {
	const char *name;
	int key;
	const char *arg;	/* the value's name; NULL: none */
	unsigned int cmds;		/* CLI_* that take it */
	const char *help;
} opts[] = {
	{ "jobs", 'j', "N", SCAN_TRACK, "parse workers (default: number of CPUs)" },
	{ "arch", 'a', "ARCH", SCAN_TRACK, "architecture whose headers are used (default x86)" },
	{ "objdir", 'O', "DIR", CLI_SCAN, "configured build directory (make O=DIR)" },
	{ "git", 'g', "REPO", CLI_TRACK, "read revisions from this repository (never checked out)" },
	{ "name", 'N', "NAME", CLI_TRACK, "report name (reports/track-NAME)" },
	{ "reports", 'r', "DIR", SCAN_TRACK | CLI_EXPLAIN, "report directory (default reports/<name>)" },
	{ "compdb", 'c', "FILE", CLI_SCAN, "compile_commands.json to use" },
	{ "timeout", 't', "SEC", SCAN_TRACK, "time limit for one file (default 300)" },
	{ "no-prepare", 'n', NULL, SCAN_TRACK, "never configure a scratch build directory" },
	{ "no-pch", 'P', NULL, SCAN_TRACK, "parse each file on its own, without shared precompiled headers" },
	{ "only", 'f', "FILE", SCAN_TRACK, "parse only FILE (repeatable)" },
	{ "no-ondemand", 'N', NULL, CLI_SCAN, "do not parse helpers found in the symbol index" },
	{ "list", 'l', NULL, CLI_SCAN, "print the candidate files and the macros, then stop" },
	{ "keep", 'k', NULL, CLI_TRACK, "keep the extracted revisions" },
	{ "quiet", 'q', NULL, SCAN_TRACK, "no progress, summary or per-revision lines" },
	{ "cache-info", 'C', NULL, CLI_TRACK, "where the facts cache is, and its size" },
	{ "help", 'h', NULL, SCAN_TRACK | CLI_EXPLAIN, "this text" },
};
#define NOPTS (sizeof(opts) / sizeof(opts[0]))

static const char commands_text[] =
	"usage: mmprep <command> [options]\n"
	"\n"
	"commands:\n"
	"  scan KDIR      list the mmap entry points of a kernel tree\n"
	"  explain FN     the evidence behind a function's VM_* flags\n"
	"  patches KDIR   convert late .mmap drivers into a patch series\n"
	"  track          .mmap_prepare adoption across releases\n"
	"  report SCAN [DIR]  write index.html, scan.sarif, summary.md again\n"
	"  help           this text\n"
	"  version        print the version\n";

static const char exit_text[] =
	"As kbuild's checker: make C=1 CHECK=mmprep (see --help-check).\n"
	"\n"
	"exit codes: 0 ok, 2 usage, 3 KDIR missing, 4 not a kernel tree,\n"
	"5 unreadable file, 6 corrupt compile_commands.json, 7 no libclang,\n"
	"8 cannot write reports, 9 explain: no such function\n";

void cli_options_help(FILE *f, unsigned int cmd)
{
	for (size_t i = 0; i < NOPTS; i++) {
		char *left;

		if (!(opts[i].cmds & cmd))
			continue;
		left = xasprintf("--%s%s%s", opts[i].name, opts[i].arg ? " " : "",
				 opts[i].arg ? opts[i].arg : "");
		fprintf(f, "  -%c, %-18s %s\n", opts[i].key, left,
			opts[i].help);
		free(left);
	}
}

void cli_usage(int code)
{
	if (code) {
		fputs("mmprep: usage: mmprep scan [options] KDIR "
		      "(see 'mmprep help')\n", stderr);
		exit(code);
	}
	fputs(commands_text, stdout);
	fputs("\nscan options:\n", stdout);
	cli_options_help(stdout, CLI_SCAN);
	fputc('\n', stdout);
	fputs(exit_text, stdout);
	exit(code);
}

int cli_getopt(int argc, char **argv, unsigned int cmd, const char **arg)
{
	static unsigned int built;
	static struct option longopts[NOPTS + 1];
	static char shortopts[2 * NOPTS + 2];
	int n = 0, c;
	char *s = shortopts;

	if (built != cmd) {
		for (size_t i = 0; i < NOPTS; i++) {
			if (!(opts[i].cmds & cmd))
				continue;
			longopts[n++] = (struct option){ opts[i].name,
				opts[i].arg ? required_argument : no_argument,
				NULL, opts[i].key };
			*s++ = (char)opts[i].key;
			if (opts[i].arg)
				*s++ = ':';
		}
		*s = '\0';
		memset(&longopts[n], 0, sizeof(longopts[n]));
		built = cmd;
		optind = 0;
	}
	c = getopt_long(argc, argv, shortopts, longopts, NULL);
	*arg = optarg;
	return c;
}

void scan_opts_init(struct scan_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	o->timeout = 300;
}

bool scan_option(int c, const char *arg, struct scan_opts *o)
{
	switch (c) {
	case 'j':
		o->jobs = atoi(arg);
		return true;
	case 'a':
		o->arch = arg;
		return true;
	case 't':
		o->timeout = atoi(arg);
		return true;
	case 'n':
		o->no_prepare = true;
		return true;
	case 'P':
		o->no_pch = true;
		return true;
	case 'f':
		o->only = xrealloc(o->only, (o->nonly + 1) * sizeof(char *));
		o->only[o->nonly++] = arg;
		return true;
	}
	return false;
}

void scan_opts_check(const struct scan_opts *o)
{
	if (o->jobs < 1 || o->timeout < 1)
		die(EXIT_USAGE, "--jobs and --timeout take a positive number");
}
