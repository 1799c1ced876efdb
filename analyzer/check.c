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
 * diagnostics on stderr, the same lines as scan.txt.  The exit code is 0
 * whatever was found: a checker's findings must not stop the build.
 */
#include "mmprep.h"
#include "analysis.h"
#include "reports.h"

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

/* Options whose value is the next word, as gcc spells them. */
static const char *const keep_split[] = {
	"-I", "-D", "-U", "-include", "-imacros", "-isystem", "-iquote",
	"-idirafter", NULL,
};

/* gcc options with a separate value that must be skipped, not kept. */
static const char *const drop_split[] = {
	"-o", "-MF", "-MT", "-MQ", "-x", "-Xassembler", "-Xlinker", NULL,
};

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

/*
 * kbuild adds gcc's own header directory (-isystem $(gcc -print-file-name=
 * include)).  Its stddef.h/stdarg.h are written for gcc; clang's resource
 * directory, which kbuild_toolchain_flags() adds, stands in for it.
 */
static bool gcc_include_dir(const char *dir)
{
	return strstr(dir, "/gcc/") || strstr(dir, "/gcc-");
}

/* Joined options worth keeping: they change what the parser sees. */
static bool keep_joined(const char *a)
{
	static const char *const prefixes[] = {
		"-I", "-D", "-U", "-std=", "-iquote", "-idirafter", NULL,
	};
	static const char *const exact[] = {
		"-nostdinc", "-fms-extensions", "-fshort-wchar",
		"-funsigned-char", "-fsigned-char", NULL,
	};

	for (int i = 0; prefixes[i]; i++)
		if (str_starts(a, prefixes[i]))
			return true;
	return in_list(exact, a);
}

struct check_cmd {
	struct strvec flags;	/* for clang, kbuild's order */
	const char *file;	/* the source file, last non-option word */
	const char *arch;	/* sparse's --arch= */
};

static void parse_kbuild_args(int argc, char **argv, struct check_cmd *c)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-') {
			c->file = a;
			continue;
		}
		if (str_starts(a, "--arch=")) {
			c->arch = a + strlen("--arch=");
		} else if (in_list(keep_split, a) && i + 1 < argc) {
			if (!strcmp(a, "-isystem") && gcc_include_dir(argv[i + 1])) {
				i++;
				continue;
			}
			sv_push(&c->flags, a);
			sv_push(&c->flags, argv[++i]);
		} else if (in_list(drop_split, a) && i + 1 < argc) {
			i++;
		} else if (str_starts(a, "-isystem")) {
			if (!gcc_include_dir(a))
				sv_push(&c->flags, a);
		} else if (keep_joined(a)) {
			sv_push(&c->flags, a);
		}
		/* anything else is a gcc code-generation or warning option */
	}
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
	struct tree t;
	struct job job = { 0 };
	struct analyze_opts ao = { 0 };
	json_t *functions;
	char abs[PATH_MAX];
	const char *rel;
	json_t *scan;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help-check")) {
			fputs(check_help, stdout);
			return EXIT_OK;
		}
	}
	if (argc >= 2 && !strcmp(argv[1], "--report"))
		return cmd_report(argc - 1, argv + 1);
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
	o.no_prepare = true;
	o.quiet = true;
	tree_open(&t, &o);
	rel = path_rel(abs, t.kdir);
	if (rel == abs || *rel == '/')
		return EXIT_OK;
	t.config = "kbuild";
	t.configured = true;
	t.objdir = t.kdir;
	pool_probe();

	job.file = xstrdup(rel);
	kbuild_toolchain_flags(&t, &job.args);
	for (size_t i = 0; i < c.flags.n; i++)
		sv_push(&job.args, c.flags.v[i]);
	pool_run(&t, &job, 1, 1, CHECK_TIMEOUT, false);
	scan = merge_facts(&t, &job, 1);
	if (!scan)
		die(EXIT_INTERNAL, "%s: cannot merge the parse results", rel);
	/*
	 * The same facts as a scan's (flags, evidence), from this file alone:
	 * parsing other files on demand would make every CHECK run cost
	 * several parses.
	 */
	ao.jobs = 1;
	ao.timeout = CHECK_TIMEOUT;
	functions = analyze(&t, scan, &job, 1, &ao);
	print_entries(scan, job.file);
	json_decref(functions);
	json_decref(scan);
	json_decref(job.facts);
	free(job.failure);
	free(job.file);
	sv_free(&job.args);
	sv_free(&c.flags);
	return EXIT_OK;
}
