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

/* The value of "--reports DIR" among @argv, if any. */
static const char *reports_arg(int argc, char **argv)
{
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], "--reports"))
			return argv[i + 1];
	return NULL;
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
	char self[4096], *scan, *defdir = NULL;
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
	if (!dir) {
		const char *base = strrchr(kdir, '/');

		defdir = xasprintf("reports/%s", base && base[1] ? base + 1 : kdir);
		dir = defdir;
	}
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
	for (int i = 1; i < argc; i++)
		sv_push(&args, argv[i]);
	fflush(NULL);
	execv(script, args.v);
	die(EXIT_INTERNAL, "%s: cannot run", script);
}
