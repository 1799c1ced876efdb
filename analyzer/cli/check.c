// SPDX-License-Identifier: GPL-2.0
/*
 * The kbuild CHECK= mode: "make C=1 CHECK=mmprep" runs, for each file it
 * compiles,
 *
 *	$(CHECK) $(CHECKFLAGS) $(c_flags) file.c
 *
 * from the top of the build (objtree).  mmprep then parses that one file
 * with the flags kbuild itself uses, so the result matches the build's
 * configuration exactly, and prints the file's entry points as gcc-style
 * diagnostics on stderr, the same lines as scan.txt, every one located in
 * a file of the tree.  The exit code is 0 whatever was found: a
 * checker's findings must not stop the build.
 */
#include "cli/cli.h"
#include "reports/reports.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* seconds for one file, as a scan's default */
#define CHECK_TIMEOUT 300

static const char check_help[] =
	"usage: make C=1 CHECK=/path/to/mmprep [CF=...] [targets]\n"
	"       mmprep [kbuild compiler flags] FILE.c\n"
	"\n"
	"Run by kbuild as its source checker, mmprep parses FILE.c with the\n"
	"preprocessor flags kbuild passes (-I, -D, -U, -include, -imacros,\n"
	"-isystem, -iquote, -std=, -nostdinc) and prints the file's mmap entry\n"
	"points to stderr, in the format of scan.txt:\n"
	"\n"
	"  FILE:LINE:COL: warning: OPS.mmap = FN forces the late KSM path "
	"[mmprep-late-mmap]\n"
	"\n"
	"KDIR is $srctree (exported by kbuild), else the current directory.\n"
	"The architecture is sparse's --arch=, else $SRCARCH, else x86.\n"
	"It always exits 0, except 7 when libclang cannot be loaded.\n";

struct check_cmd {
	struct strvec flags;	/* for clang, kbuild's order */
	char *file;		/* the source file, last non-option word */
	const char *arch;	/* sparse's --arch= */
};

static void parse_kbuild_args(int argc, char **argv, struct check_cmd *c)
{
	struct strvec words = { 0 };

	/* sparse's --arch= is kbuild's CHECKFLAGS, not a compiler flag */
	for (int i = 1; i < argc; i++)
		if (str_starts(argv[i], "--arch="))
			c->arch = argv[i] + strlen("--arch=");
	compiler_flags_keep(argv + 1, argc - 1, NULL, &c->flags, &words);
	if (words.n)
		c->file = xstrdup(words.v[words.n - 1]);
	sv_free(&words);
}

/*
 * The tree root: kbuild exports srctree ("." for an in-tree build, the
 * source directory for O=), and runs from objtree.
 */
static const char *check_kdir(void)
{
	const char *s = getenv("srctree");

	return s && *s ? s : ".";
}

static void print_entries(json_t *scan, const char *rel)
{
	json_t *e, *files = json_object_get(scan, "files");
	size_t i;

	json_array_foreach(json_object_get(scan, "entries"), i, e) {
		const char *f = json_string_value(json_object_get(e, "file"));

		/*
		 * Only this file's own tables: a table in a header would be
		 * repeated for every file that includes it.
		 */
		if (f && !strcmp(f, rel))
			report_txt_entry(stderr, e);
	}
	json_array_foreach(json_object_get(files, "failed"), i, e)
		fprintf(stderr, "%s: note: mmprep could not parse this file: "
			"%s [mmprep-parse-failed]\n", rel,
			json_string_value(json_object_get(e, "reason")));
}

int cmd_check(int argc, char **argv)
{
	struct check_cmd c = { 0 };
	struct scan_opts o = { 0 };
	struct scan_result r;
	struct tree t;
	char abs[PATH_MAX];
	const char *rel;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help-check")) {
			fputs(check_help, stdout);
			return EXIT_OK;
		}
	}
	parse_kbuild_args(argc, argv, &c);
	/*
	 * Stay silent on what is not a C file of the tree: kbuild's probe
	 * (scripts/checker-valid.sh) passes CHECKFLAGS and a mktemp file,
	 * and treats any "error" in the output as a broken checker.
	 */
	if (!c.file || !str_ends(c.file, ".c") || !realpath(c.file, abs))
		return EXIT_OK;
	o.kdir = check_kdir();
	o.arch = c.arch && *c.arch ? c.arch : getenv("SRCARCH");
	tree_open(&t, o.kdir, o.arch);
	rel = path_rel(abs, t.kdir);
	if (rel == abs || *rel == '/')
		return EXIT_OK;
	t.config = "kbuild";
	t.configured = true;
	t.objdir = xstrdup(t.kdir);
	/*
	 * The same facts as a scan's (flags, evidence), from this file
	 * alone: parsing other files on demand would make every CHECK run
	 * cost several parses.  The helpers' facts come from the last full
	 * scan of the tree where there is one (scan.c), else from the
	 * built-in table.
	 */
	o.only = &rel;
	o.nonly = 1;
	o.flags = &c.flags;
	o.jobs = 1;
	o.timeout = CHECK_TIMEOUT;
	o.quiet = true;
	o.no_ondemand = true;
	scan_run(&t, &o, &r);
	print_entries(r.scan, rel);
	scan_result_free(&r);
	tree_free(&t);
	free(c.file);
	sv_free(&c.flags);
	return EXIT_OK;
}
