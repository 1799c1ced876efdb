// SPDX-License-Identifier: GPL-2.0
/*
 * mmprep-parse: the parse worker, its main().
 *
 * The driver runs a few long-lived workers (--serve): each reads requests
 * on its standard input (see read_request()),
 *
 *   file /abs/file.c  root KDIR  out /tmp/facts.json  arg -I...  arg ...
 *   [all_headers 1]  [pch x.pch pch_facts x.json]  [build_pch y.pch]
 *
 * writes the facts document to "out" and answers "done" on a line, so that
 * libclang loads once per worker, not once per file.  A crash or a hang in
 * libclang still costs the file in flight only: the driver restarts the
 * worker.  Without --serve, one file given on the command line is parsed
 * (for debugging).
 *
 * The worker parses with KeepGoing so that a file with errors (an
 * unconfigured tree, a missing generated header) still yields the
 * declarations that did parse; such a file is marked degraded, with its
 * first diagnostics, rather than dropped.
 *
 * With "pch", the file is parsed with that precompiled header (pch.c) and
 * replay.c gives it the facts of a plain parse.  When that parse has
 * errors, or the replay fails, the file is parsed again without it, and
 * "pch" in the document says why ("fallback: ...").  "build_pch"
 * precompiles "file" instead.
 */
#include "worker/worker.h"
#include "common/json.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	struct wreq r;
	bool serve;
};

static void usage(void)
{
	fputs("usage: mmprep-parse [--root DIR] [--out FILE] [--all-headers] "
	      "[--pch PCH --pch-facts JSON | --build-pch PCH] "
	      "--file FILE -- CLANG-ARGS...\n"
	      "       mmprep-parse --serve\n"
	      "Internal worker of mmprep: parses one file, prints its facts;\n"
	      "with --serve, parses the files asked for on stdin.\n",
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
		{ "pch", required_argument, NULL, 'p' },
		{ "pch-facts", required_argument, NULL, 'P' },
		{ "build-pch", required_argument, NULL, 'b' },
		{ "serve", no_argument, NULL, 's' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct wreq *r = &o->r;
	char *v;
	int c;

	while ((c = getopt_long(argc, argv, "o:r:f:ap:P:b:sV", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'o':
			r->out = optarg;
			break;
		case 'r':
			r->root = optarg;
			break;
		case 'f':
			r->file = optarg;
			break;
		case 'a':
			r->all_headers = true;
			break;
		case 'p':
			r->pch = optarg;
			break;
		case 'P':
			r->pch_facts = optarg;
			break;
		case 'b':
			r->build_pch = optarg;
			break;
		case 's':
			o->serve = true;
			break;
		case 'V':
			/* Also the driver's probe that libclang loads. */
			v = cx_take(clang_getClangVersion());
			printf("%s\n", v);
			free(v);
			exit(EXIT_OK);
		default:
			usage();
		}
	}
	if (o->serve)
		return;
	if (!r->file || !r->pch != !r->pch_facts)
		usage();
	r->nargs = argc - optind;
	r->args = (const char *const *)argv + optind;
}

/* What stays loaded from one request to the next. */
struct worker {
	CXIndex plain;		/* every declaration visited */
	CXIndex local;		/* a PCH's own declarations not visited */
	char *pch_path;		/* the PCH document last read */
	json_t *pch;
};

static json_t *failed(json_t *doc, const char *reason)
{
	json_object_set_new(doc, "status", json_string("failed"));
	json_object_set_new(doc, "reason", json_string(reason));
	return doc;
}

/* The facts of the parsed translation unit. */
static void collect(struct wctx *w, json_t *doc, unsigned nerrors)
{
	json_object_set_new(doc, "errors", json_integer(nerrors));
	json_object_set_new(doc, "status",
			    json_string(nerrors ? "degraded" : "ok"));
	w->entries = json_array();
	w->excluded = json_object();
	w->functions = json_array();
	discover_tu(w);
	summarize_tu(w);
	json_object_set_new(doc, "entries", w->entries);
	json_object_set_new(doc, "excluded", w->excluded);
}

static json_t *parse_plain(struct worker *k, const struct wreq *r)
{
	struct wctx w = { .root = r->root, .main_file = r->file };
	unsigned opts = CXTranslationUnit_KeepGoing |
			CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;
	json_t *doc = json_object();
	enum CXErrorCode err;
	unsigned nerrors;

	w.all_headers = r->all_headers;
	json_object_set_new(doc, "file", json_string(path_rel(r->file, w.root)));
	err = clang_parseTranslationUnit2(k->plain, r->file, r->args, r->nargs,
					  NULL, 0, opts, &w.tu);
	if (err != CXError_Success)
		return failed(doc, parse_error_name(err));
	json_object_set_new(doc, "diagnostics",
			    collect_diagnostics(&w, &nerrors));
	collect(&w, doc, nerrors);
	json_object_set_new(doc, "functions", w.functions);
	record_inclusions(&w, doc);
	record_stores(&w, doc);
	clang_disposeTranslationUnit(w.tu);
	return doc;
}

static json_t *load_pch(struct worker *k, const char *path)
{
	if (k->pch_path && !strcmp(k->pch_path, path))
		return k->pch;
	free(k->pch_path);
	json_decref(k->pch);
	k->pch_path = xstrdup(path);
	k->pch = json_load_file(path, 0, NULL);
	return k->pch;
}

/*
 * With the PCH, or NULL and @why: parse it without (see replay.c).  Its
 * errors are kept: when they differ from those of a plain parse, the file
 * used what a header it never includes declares, and the replay fails.
 */
static json_t *parse_pch(struct worker *k, const struct wreq *r,
			 char **why)
{
	struct wctx w = { .root = r->root, .main_file = r->file };
	unsigned opts = CXTranslationUnit_KeepGoing |
			CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles |
			CXTranslationUnit_DetailedPreprocessingRecord;
	json_t *pch = load_pch(k, r->pch_facts), *doc;
	struct strvec args = { 0 };
	enum CXErrorCode err;
	unsigned nerrors;

	if (!pch) {
		*why = xstrdup("unreadable PCH facts");
		return NULL;
	}
	for (size_t i = 0; i < r->nargs; i++)
		sv_push(&args, r->args[i]);
	sv_push(&args, "-include-pch");
	sv_push(&args, r->pch);
	sv_push(&args, "-Xclang");
	sv_push(&args, "-fno-validate-pch");
	w.all_headers = r->all_headers;
	err = clang_parseTranslationUnit2(k->local, r->file,
					  (const char *const *)args.v, args.n,
					  NULL, 0, opts, &w.tu);
	sv_free(&args);
	if (err != CXError_Success) {
		*why = xstrdup(parse_error_name(err));
		return NULL;
	}
	doc = json_object();
	json_object_set_new(doc, "file", json_string(path_rel(r->file, w.root)));
	json_object_set_new(doc, "diagnostics",
			    collect_diagnostics(&w, &nerrors));
	collect(&w, doc, nerrors);
	if (pch_replay(&w, pch, r, doc, why))
		json_object_set_new(doc, "functions", w.functions);
	else
		json_decref(w.functions);
	record_stores(&w, doc);
	clang_disposeTranslationUnit(w.tu);
	if (*why) {
		json_decref(doc);
		return NULL;
	}
	json_object_set_new(doc, "pch", json_string("used"));
	return doc;
}

static json_t *handle(struct worker *k, const struct wreq *r)
{
	char *why = NULL;
	json_t *doc;

	if (r->build_pch)
		return pch_build(k->plain, r);
	if (r->pch && (doc = parse_pch(k, r, &why)))
		return doc;
	doc = parse_plain(k, r);
	if (why)
		json_object_set_new(doc, "pch", json_sprintf("fallback: %s", why));
	free(why);
	return doc;
}

static int write_doc(json_t *doc, const char *out)
{
	if (out)
		return json_dump_file(doc, out, JSON_COMPACT | JSON_SORT_KEYS);
	return json_dumpf(doc, stdout, JSON_INDENT(1) | JSON_SORT_KEYS);
}

/*
 * A request: NUL-terminated words, "key" then "value", "arg" once per
 * clang argument, an empty key at the end.  No file name or flag of a
 * tree can break it, as none can hold a NUL.
 */
struct request {
	struct strvec words;
	struct wreq r;
};

static const char *word_of(struct request *q, const char *key)
{
	for (size_t i = 0; i + 1 < q->words.n; i += 2)
		if (!strcmp(q->words.v[i], key))
			return q->words.v[i + 1];
	return NULL;
}

/* False at the end of input; a malformed request ends the worker. */
static bool read_request(FILE *in, struct request *q, struct strvec *args)
{
	char *word = NULL;
	size_t cap = 0;
	ssize_t len;
	bool end = false;

	sv_free(&q->words);
	while (!end && (len = getdelim(&word, &cap, '\0', in)) > 0 &&
	       word[len - 1] == '\0') {
		if (!*word && !(q->words.n % 2))
			end = true;	/* the empty key */
		else
			sv_push(&q->words, word);
	}
	free(word);
	if (!end && !q->words.n && feof(in))
		return false;
	if (!end)
		die(EXIT_USAGE, "mmprep-parse: truncated request");
	memset(&q->r, 0, sizeof(q->r));
	args->n = 0;
	for (size_t i = 0; i < q->words.n; i += 2) {
		if (strcmp(q->words.v[i], "arg"))
			continue;
		args->v = xrealloc(args->v, (args->n + 1) * sizeof(char *));
		args->v[args->n++] = q->words.v[i + 1];
	}
	q->r.file = word_of(q, "file");
	q->r.root = word_of(q, "root");
	q->r.out = word_of(q, "out");
	q->r.pch = word_of(q, "pch");
	q->r.pch_facts = word_of(q, "pch_facts");
	q->r.build_pch = word_of(q, "build_pch");
	q->r.all_headers = word_of(q, "all_headers") != NULL;
	q->r.args = (const char *const *)args->v;
	q->r.nargs = args->n;
	if (!q->r.file || !q->r.root || !q->r.out || !q->r.pch != !q->r.pch_facts)
		die(EXIT_USAGE, "mmprep-parse: incomplete request");
	return true;
}

/* Requests until end of input; each answered with a line once done. */
static int serve(struct worker *k)
{
	struct request q = { 0 };
	struct strvec args = { 0 };

	while (read_request(stdin, &q, &args)) {
		json_t *doc = handle(k, &q.r);
		int ret = write_doc(doc, q.r.out);

		json_decref(doc);
		printf("%s\n", ret ? "unwritten" : "done");
		fflush(stdout);
	}
	sv_free(&q.words);
	free(args.v);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	struct wopts o = { 0 };
	struct worker k = { 0 };
	json_t *doc;
	int ret;

	parse_opts(argc, argv, &o);
	k.plain = clang_createIndex(0, 0);
	k.local = clang_createIndex(1, 0);
	if (o.serve) {
		ret = serve(&k);
	} else {
		if (!o.r.root)
			o.r.root = "/";
		doc = handle(&k, &o.r);
		ret = write_doc(doc, o.r.out) ? EXIT_OUTPUT : EXIT_OK;
		json_decref(doc);
	}
	json_decref(k.pch);
	free(k.pch_path);
	clang_disposeIndex(k.plain);
	clang_disposeIndex(k.local);
	return ret;
}
