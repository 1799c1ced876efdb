// SPDX-License-Identifier: GPL-2.0
/*
 * mmprep-parse: the per-file parse worker, its main().
 *
 * The driver runs one worker process per file, so a crash or a hang in
 * libclang costs that file only.  The worker parses with KeepGoing so that
 * a file with errors (an unconfigured tree, a missing generated header)
 * still yields the declarations that did parse; such a file is marked
 * degraded, with its first diagnostics, rather than dropped.
 */
#include "worker/worker.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DIAGS 3

static const char *severity_name(enum CXDiagnosticSeverity s)
{
	return s == CXDiagnostic_Fatal ? "fatal error" : "error";
}

static json_t *collect_diagnostics(struct wctx *w, unsigned *nerrors)
{
	json_t *out = json_array();
	unsigned n = clang_getNumDiagnostics(w->tu);

	*nerrors = 0;
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(w->tu, i);
		enum CXDiagnosticSeverity s = clang_getDiagnosticSeverity(d);
		struct wloc l = { 0 };
		char *msg;

		if (s < CXDiagnostic_Error) {
			clang_disposeDiagnostic(d);
			continue;
		}
		if (++*nerrors <= MAX_DIAGS) {
			msg = cx_take(clang_getDiagnosticSpelling(d));
			if (wloc_expansion(w, clang_getDiagnosticLocation(d), &l))
				json_array_append_new(out, json_sprintf(
					"%s:%u:%u: %s: %s", l.file, l.line,
					l.col, severity_name(s), msg));
			else
				json_array_append_new(out, json_sprintf(
					"%s: %s", severity_name(s), msg));
			wloc_free(&l);
			free(msg);
		}
		clang_disposeDiagnostic(d);
	}
	return out;
}

static const char *parse_error_name(enum CXErrorCode e)
{
	switch (e) {
	case CXError_Crashed:
		return "libclang crashed";
	case CXError_InvalidArguments:
		return "invalid arguments";
	case CXError_ASTReadError:
		return "AST read error";
	default:
		return "libclang failure";
	}
}

struct wopts {
	const char *out;
	const char *root;
	const char *file;
	bool all_headers;
	int nargs;
	char **args;
};

static void usage(void)
{
	fputs("usage: mmprep-parse [--root DIR] [--out FILE] [--all-headers] "
	      "--file FILE -- CLANG-ARGS...\n"
	      "Internal worker of mmprep: parses one file, prints its facts.\n",
	      stderr);
	exit(EXIT_USAGE);
}

static void parse_opts(int argc, char **argv, struct wopts *o)
{
	static const struct option longopts[] = {
		{ "out", required_argument, NULL, 'o' },
		{ "root", required_argument, NULL, 'r' },
		{ "file", required_argument, NULL, 'f' },
		{ "all-headers", no_argument, NULL, 'a' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "o:r:f:aV", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->out = optarg;
			break;
		case 'r':
			o->root = optarg;
			break;
		case 'f':
			o->file = optarg;
			break;
		case 'a':
			o->all_headers = true;
			break;
		case 'V':
			/* Also the driver's probe that libclang loads. */
			o->out = cx_take(clang_getClangVersion());
			printf("%s\n", o->out);
			exit(EXIT_OK);
		default:
			usage();
		}
	}
	if (!o->file)
		usage();
	o->nargs = argc - optind;
	o->args = argv + optind;
}

static json_t *run(struct wopts *o)
{
	struct wctx w = { 0 };
	CXIndex idx = clang_createIndex(0, 0);
	unsigned opts = CXTranslationUnit_KeepGoing |
			CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
	enum CXErrorCode err;
	json_t *doc = json_object();
	unsigned nerrors;

	w.root = o->root ? o->root : "/";
	w.main_file = o->file;
	w.all_headers = o->all_headers;
	json_object_set_new(doc, "file", json_string(path_rel(o->file, w.root)));
	err = clang_parseTranslationUnit2(idx, o->file,
					  (const char *const *)o->args,
					  o->nargs, NULL, 0, opts, &w.tu);
	if (err != CXError_Success) {
		json_object_set_new(doc, "status", json_string("failed"));
		json_object_set_new(doc, "reason",
				    json_string(parse_error_name(err)));
		clang_disposeIndex(idx);
		return doc;
	}
	w.entries = json_array();
	w.excluded = json_object();
	w.functions = json_array();
	json_object_set_new(doc, "diagnostics",
			    collect_diagnostics(&w, &nerrors));
	json_object_set_new(doc, "errors", json_integer(nerrors));
	json_object_set_new(doc, "status",
			    json_string(nerrors ? "degraded" : "ok"));
	discover_tu(&w);
	summarize_tu(&w);
	json_object_set_new(doc, "entries", w.entries);
	json_object_set_new(doc, "excluded", w.excluded);
	json_object_set_new(doc, "functions", w.functions);
	record_inclusions(&w, doc);
	record_stores(&w, doc);
	clang_disposeTranslationUnit(w.tu);
	clang_disposeIndex(idx);
	return doc;
}

int main(int argc, char **argv)
{
	struct wopts o = { 0 };
	json_t *doc;
	int ret;

	parse_opts(argc, argv, &o);
	doc = run(&o);
	if (o.out)
		ret = json_dump_file(doc, o.out, JSON_COMPACT | JSON_SORT_KEYS);
	else
		ret = json_dumpf(doc, stdout, JSON_INDENT(1) | JSON_SORT_KEYS);
	json_decref(doc);
	return ret ? EXIT_OUTPUT : EXIT_OK;
}
