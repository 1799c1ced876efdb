// SPDX-License-Identifier: GPL-2.0
/*
 * mmprep scan KDIR: scan_run() on one tree, its reports written, and a
 * summary on stdout.
 */
#include "cli/cli.h"
#include "reports/reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct scan_cmd {
	struct scan_opts o;
	const char *reports;
	bool list;		/* print the candidates only */
};

static void parse_scan_opts(int argc, char **argv, struct scan_cmd *s)
{
	struct scan_opts *o = &s->o;
	const char *arg;
	int c;

	memset(s, 0, sizeof(*s));
	scan_opts_init(o);
	while ((c = cli_getopt(argc, argv, CLI_SCAN, &arg)) != -1) {
		if (scan_option(c, arg, o))
			continue;
		switch (c) {
		case 'O':
			o->objdir = arg;
			break;
		case 'r':
			s->reports = arg;
			break;
		case 'c':
			o->compdb = arg;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'N':
			o->no_ondemand = true;
			break;
		case 'l':
			s->list = true;
			break;
		case 'h':
			cli_usage(EXIT_OK);
		default:
			cli_usage(EXIT_USAGE);
		}
	}
	if (optind != argc - 1)
		cli_usage(EXIT_USAGE);
	o->kdir = argv[optind];
	o->progress = !o->quiet && isatty(2);
	scan_opts_check(o);
}

/* --list: the candidate files on stdout, the macros on stderr. */
static int list_candidates(struct tree *t, const struct scan_opts *o)
{
	struct strvec files = { 0 };
	struct compdb *db;

	scan_setup(t, o, &db);
	scan_candidates(t, o, &files, true);
	scan_ready(t, o);
	for (size_t i = 0; i < files.n; i++)
		printf("%s\n", files.v[i]);
	sv_free(&files);
	compdb_free(db);
	return EXIT_OK;
}

/* What the parses cost, and the precompiled headers they shared. */
static void print_parse_costs(const struct scan_result *r)
{
	struct pch_stats ps;

	pch_get_stats(&ps);
	printf("parse: %zu files parsed, %.3f CPU-s per file; %zu PCHs "
	       "(%zu built, %.1fs, %.1f CPU-s), %zu files parsed with one, "
	       "%zu without theirs\n", r->parses,
	       r->parses ? r->parse_cpu / r->parses : 0.0, ps.pchs, ps.built,
	       ps.build_seconds, ps.build_cpu, ps.files, ps.fallbacks.n);
	for (size_t i = 0; i < ps.fallbacks.n; i++)
		printf("  without PCH: %s\n", ps.fallbacks.v[i]);
}

int cmd_scan(int argc, char **argv)
{
	double t0 = now_seconds();
	struct scan_cmd s;
	struct scan_result r;
	struct tree t;
	char *reports;
	int ret = EXIT_OK;

	parse_scan_opts(argc, argv, &s);
	tree_open(&t, s.o.kdir, s.o.arch);
	if (s.list) {
		ret = list_candidates(&t, &s.o);
		free(s.o.only);
		tree_free(&t);
		return ret;
	}
	reports = tree_output_dir(s.reports, "reports", t.name,
				  (const char *[]){ t.kdir }, 1);
	scan_run(&t, &s.o, &r);
	report_write(r.scan, reports);
	report_functions(r.functions, reports);
	if (!s.o.quiet) {
		report_summary(r.scan, stdout);
		/* timings stay out of scan.json, which is deterministic */
		printf("time: setup and text pass %.1fs, parse %.1fs (%zu files), "
		       "analysis %.1fs (%lld more files on demand), total %.1fs\n",
		       r.setup, r.parse, r.files, r.analysis,
		       jint(json_object_get(r.scan, "files"), "on_demand"),
		       now_seconds() - t0);
		print_parse_costs(&r);
		printf("reports: %s/scan.json, %s/scan.txt\n", reports, reports);
	}
	free(reports);
	free(s.o.only);
	scan_result_free(&r);
	tree_free(&t);
	return ret;
}
