// SPDX-License-Identifier: GPL-2.0
/*
 * mmprep: find the mmap entry points of a Linux tree, what they do to the
 * VMA, and convert them to ->mmap_prepare.
 */
#include "analysis.h"
#include "reports.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage_text[] =
	"usage: mmprep <command> [options]\n"
	"\n"
	"commands:\n"
	"  scan KDIR      list the mmap entry points of a kernel tree\n"
	"  explain FN     the evidence behind a function's VM_* flags\n"
	"  patches KDIR   convert late .mmap drivers into a patch series\n"
	"  track          .mmap_prepare adoption across releases\n"
	"  report SCAN [DIR]  write index.html, scan.sarif, summary.md again\n"
	"  help           this text\n"
	"  version        print the version\n"
	"\n"
	"scan options:\n"
	"  -j, --jobs N        parse workers (default: number of CPUs)\n"
	"  -a, --arch ARCH     architecture whose headers are used (default x86)\n"
	"  -O, --objdir DIR    configured build directory (make O=DIR)\n"
	"  -r, --reports DIR   report directory (default reports/<tree-name>)\n"
	"  -c, --compdb FILE   compile_commands.json to use\n"
	"  -t, --timeout SEC   time limit for one file (default 300)\n"
	"  -n, --no-prepare    never configure a scratch build directory\n"
	"  -f, --only FILE     parse only FILE (repeatable)\n"
	"  -N, --no-ondemand   do not parse helpers found in the symbol index\n"
	"  -l, --list          print the candidate files and the macros, then stop\n"
	"  -q, --quiet         no progress and no summary\n"
	"\n"
	"As kbuild's checker: make C=1 CHECK=mmprep (see --help-check).\n"
	"\n"
	"exit codes: 0 ok, 2 usage, 3 KDIR missing, 4 not a kernel tree,\n"
	"5 unreadable file, 6 corrupt compile_commands.json, 7 no libclang,\n"
	"8 cannot write reports\n";

static void __attribute__((noreturn)) usage(int code)
{
	if (code)
		fputs("mmprep: usage: mmprep scan [options] KDIR "
		      "(see 'mmprep help')\n", stderr);
	else
		fputs(usage_text, stdout);
	exit(code);
}

static void parse_scan_opts(int argc, char **argv, struct scan_opts *o)
{
	static const struct option longopts[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "arch", required_argument, NULL, 'a' },
		{ "objdir", required_argument, NULL, 'O' },
		{ "reports", required_argument, NULL, 'r' },
		{ "compdb", required_argument, NULL, 'c' },
		{ "timeout", required_argument, NULL, 't' },
		{ "no-prepare", no_argument, NULL, 'n' },
		{ "only", required_argument, NULL, 'f' },
		{ "no-ondemand", no_argument, NULL, 'N' },
		{ "list", no_argument, NULL, 'l' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	o->jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	o->timeout = 300;
	while ((c = getopt_long(argc, argv, "j:a:O:r:c:t:nNf:lqh", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'j':
			o->jobs = atoi(optarg);
			break;
		case 'a':
			o->arch = optarg;
			break;
		case 'O':
			o->objdir = optarg;
			break;
		case 'r':
			o->reports = optarg;
			break;
		case 'c':
			o->compdb = optarg;
			break;
		case 't':
			o->timeout = atoi(optarg);
			break;
		case 'n':
			o->no_prepare = true;
			break;
		case 'f':
			o->only = xrealloc(o->only, (o->nonly + 1) * sizeof(char *));
			o->only[o->nonly++] = optarg;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'N':
			o->no_ondemand = true;
			break;
		case 'l':
			o->list = true;
			break;
		case 'h':
			usage(EXIT_OK);
		default:
			usage(EXIT_USAGE);
		}
	}
	if (optind != argc - 1)
		usage(EXIT_USAGE);
	o->kdir = argv[optind];
	if (o->jobs < 1 || o->timeout < 1)
		die(EXIT_USAGE, "--jobs and --timeout take a positive number");
}

/* The compile database: --compdb, else one in KDIR or O=, else none. */
static struct compdb *open_compdb(struct tree *t, const struct scan_opts *o)
{
	const char *dirs[] = { o->objdir, t->kdir };
	struct compdb *db;

	if (o->compdb)
		t->compdb = xstrdup(o->compdb);
	for (int i = 0; i < 2 && !t->compdb; i++) {
		char *p = dirs[i] ? path_join(dirs[i], "compile_commands.json") : NULL;

		if (p && is_file(p))
			t->compdb = p;
		else
			free(p);
	}
	if (!t->compdb)
		return NULL;
	db = compdb_load(t->compdb, t->kdir);
	return db;
}

void job_init(struct job *j, const struct tree *t, struct compdb *db,
	      const char *file)
{
	char *abs = path_join(t->kdir, file);

	memset(j, 0, sizeof(*j));
	j->file = xstrdup(file);
	kbuild_toolchain_flags(t, &j->args);
	if (!db || !compdb_flags(db, abs, &j->args)) {
		sv_free(&j->args);
		kbuild_flags(t, j->file, &j->args);
	}
	free(abs);
}

void jobs_free(struct job *jobs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(jobs[i].file);
		sv_free(&jobs[i].args);
		json_decref(jobs[i].facts);
		free(jobs[i].failure);
	}
	free(jobs);
}

static void only_files(const struct tree *t, const struct scan_opts *o,
		       struct strvec *files)
{
	for (int i = 0; i < o->nonly; i++) {
		char *abs = path_join(t->kdir, o->only[i]);
		char *text = read_file(abs, NULL);

		if (!text)
			die(EXIT_UNREADABLE, "%s: cannot read", o->only[i]);
		free(text);
		sv_push(files, path_rel(abs, t->kdir));
		free(abs);
	}
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int cmd_scan(int argc, char **argv)
{
	struct scan_opts o = { 0 };
	struct tree t;
	struct strvec files = { 0 };
	struct compdb *db;
	struct analyze_opts ao = { 0 };
	struct job *jobs;
	json_t *scan, *functions;
	char *reports;
	double t0 = now(), t1, t2, t3;

	parse_scan_opts(argc, argv, &o);
	tree_open(&t, &o);
	db = open_compdb(&t, &o);
	pool_probe();
	kbuild_setup(&t, &o);
	if (o.nonly)
		only_files(&t, &o, &files);
	else
		select_candidates(&t, &files, o.list);
	if (o.list) {
		for (size_t i = 0; i < files.n; i++)
			printf("%s\n", files.v[i]);
		return EXIT_OK;
	}
	jobs = xcalloc(files.n, sizeof(*jobs));
	for (size_t i = 0; i < files.n; i++)
		job_init(&jobs[i], &t, db, files.v[i]);
	ao.db = db;
	ao.jobs = o.jobs;
	ao.timeout = o.timeout;
	ao.progress = !o.quiet && isatty(2);
	ao.ondemand = !o.no_ondemand;
	t1 = now();
	pool_run(&t, jobs, files.n, o.jobs, o.timeout, ao.progress);
	t2 = now();
	scan = merge_facts(&t, jobs, files.n);
	functions = analyze(&t, scan, jobs, files.n, &ao);
	jobs_free(jobs, files.n);
	t3 = now();
	reports = o.reports ? xstrdup(o.reports) :
			      xasprintf("reports/%s", t.name);
	report_write(&t, scan, reports);
	report_functions(functions, reports);
	if (!o.quiet) {
		report_summary(scan, stdout);
		/* timings stay out of scan.json, which is deterministic */
		printf("time: setup and text pass %.1fs, parse %.1fs (%zu files), "
		       "analysis %.1fs (%lld more files on demand), total %.1fs\n",
		       t1 - t0, t2 - t1, files.n, t3 - t2,
		       json_integer_value(json_object_get(
			       json_object_get(scan, "files"), "on_demand")),
		       now() - t0);
		printf("reports: %s/scan.json, %s/scan.txt\n", reports, reports);
	}
	json_decref(scan);
	json_decref(functions);
	sv_free(&files);
	compdb_free(db);
	return EXIT_OK;
}

static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{ "scan", cmd_scan },
	{ "explain", cmd_explain },
	{ "track", cmd_track },
	{ "patches", cmd_patches },
	{ "report", cmd_report },
	{ NULL, NULL },
};

int main(int argc, char **argv)
{
	if (argc < 2)
		usage(EXIT_USAGE);
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
		usage(EXIT_OK);
	fprintf(stderr, "mmprep: unknown command '%s'\n", argv[1]);
	usage(EXIT_USAGE);
}
