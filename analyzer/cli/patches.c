// SPDX-License-Identifier: GPL-2.0
/*
 * mmprep patches [options] KDIR: the late .mmap drivers of a scan of KDIR
 * as a patch series.  The work is semantic-patches/mmprep-patches (spatch
 * orchestration, as the kernel's scripts/coccicheck is shell); this
 * command finds it, scans KDIR first when there is no scan.json yet, and
 * hands over.
 */
#include "cli/cli.h"
#include "common/proc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef MMPREP_DATADIR
#define MMPREP_DATADIR "/usr/local/share/mmprep/semantic-patches"
#endif

/* The value of option @name (or @alias) among @argv, if any. */
static const char *option_arg(int argc, char **argv, const char *name,
			      const char *alias)
{
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], name) || !strcmp(argv[i], alias))
			return argv[i + 1];
	return NULL;
}

static const char *reports_arg(int argc, char **argv)
{
	return option_arg(argc, argv, "--reports", "-r");
}

static const char *out_arg(int argc, char **argv)
{
	return option_arg(argc, argv, "--out", "-o");
}

static void scan_first(const char *self, const char *kdir, const char *dir)
{
	char *argv[] = { (char *)self, "scan", "--quiet", "--reports",
			 (char *)dir, (char *)kdir, NULL };
	struct proc p = { .argv = argv };
	int st = proc_run(&p);

	if (st < 0 || st == PROC_EXEC_FAILED)
		die(EXIT_INTERNAL, "cannot run the scan of %s", kdir);
	if (st)
		exit(st);
}

int cmd_patches(int argc, char **argv)
{
	const char *env = getenv("MMPREP_SEMANTIC_PATCHES");
	char *script = path_join(env && *env ? env : MMPREP_DATADIR,
				 "mmprep-patches");
	const char *kdir = argc > 1 ? argv[argc - 1] : NULL;
	const char *dir = reports_arg(argc, argv);
	char self[4096], *scan, *defdir = NULL, *out = NULL;
	const char *base;
	struct strvec args = { 0 };
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (!kdir || kdir[0] == '-' || !strcmp(kdir, "--help"))
		die(EXIT_USAGE, "usage: mmprep patches [--reports DIR] [--only PATH] "
			"[--out DIR] [--verify] [-j N] KDIR");
	if (!is_dir(kdir))
		die(EXIT_NO_KDIR, "%s: no such directory", kdir);
	if (!is_file(script))
		die(EXIT_UNREADABLE, "%s: not found (set MMPREP_SEMANTIC_PATCHES)",
		    script);
	base = strrchr(kdir, '/');
	base = base && base[1] ? base + 1 : kdir;
	/* the defaults, outside KDIR even when run from inside it */
	if (!dir)
		dir = defdir = tree_output_dir(NULL, "reports", base, &kdir, 1);
	if (!out_arg(argc, argv))
		out = tree_output_dir(NULL, "patches", base, &kdir, 1);
	scan = path_join(dir, "scan.json");
	if (!is_file(scan) && n > 0) {
		self[n] = '\0';
		scan_first(self, kdir, dir);
	}
	sv_push(&args, script);
	if (defdir) {
		sv_push(&args, "--reports");
		sv_push(&args, dir);
	}
	if (out) {
		sv_push(&args, "--out");
		sv_push(&args, out);
	}
	for (int i = 1; i < argc; i++)
		sv_push(&args, argv[i]);
	fflush(NULL);
	execv(script, args.v);
	die(EXIT_INTERNAL, "%s: cannot run", script);
}
