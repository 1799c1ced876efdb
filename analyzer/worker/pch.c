// SPDX-License-Identifier: GPL-2.0
/*
 * A shared precompiled header: a generated header of #include lines
 * (scan/pch.c chose them), parsed once and saved, so that each file of its
 * group parses only what is its own.
 *
 * Its facts document says what a file parsed with it no longer sees, for
 * replay.c to give the file the facts of a plain parse:
 *
 *   { "status": "ok",
 *     "files": { "include/linux/mm.h": [ [ 12, "include/linux/gfp.h" ],
 *                                        ... ], ... },
 *     "functions": [ the summaries of its inline helpers taking a VMA ] }
 *
 * "files" lists every header inside with its #include lines, in order,
 * also those an include guard skipped.  A PCH is saved only when it parses
 * without errors and holds shared headers only (include/, arch/x/include/
 * or generated): entries and functions of a driver's own headers must come
 * from its own parse.  Otherwise "status" is "unusable" and "bad" lists
 * the lines of the generated header whose #include caused it, for the
 * driver to leave them out and try again.
 */
#include "worker/worker.h"

#include <stdlib.h>
#include <string.h>

static unsigned pch_opts(void)
{
	return CXTranslationUnit_Incomplete |
	       CXTranslationUnit_ForSerialization |
	       CXTranslationUnit_DetailedPreprocessingRecord |
	       CXTranslationUnit_KeepGoing;
}

static void add_bad(json_t *bad, unsigned line)
{
	json_t *v;
	size_t i;

	json_array_foreach(bad, i, v)
		if (json_integer_value(v) == line)
			return;
	json_array_append_new(bad, json_integer(line));
}

static const struct tu_file *find_file(const struct tu_file *files, size_t n,
				       CXFile f)
{
	for (size_t i = 0; i < n; i++)
		if (clang_File_isEqual(files[i].file, f))
			return &files[i];
	return NULL;
}

/* The #include lines of the generated header that lead to an error. */
static void bad_errors(struct wctx *w, const struct tu_file *files, size_t n,
		       json_t *bad)
{
	unsigned nd = clang_getNumDiagnostics(w->tu);

	for (unsigned i = 0; i < nd; i++) {
		CXDiagnostic d = clang_getDiagnostic(w->tu, i);
		const struct tu_file *tf = NULL;
		CXFile f = NULL;
		unsigned line;

		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			clang_getExpansionLocation(clang_getDiagnosticLocation(d),
						   &f, &line, NULL, NULL);
			tf = f ? find_file(files, n, f) : NULL;
			/* an error in the generated header itself: that line */
			add_bad(bad, tf && tf->depth ? tf->top_line :
				     tf ? line : 0);
		}
		clang_disposeDiagnostic(d);
	}
}

static json_t *unusable(json_t *doc, json_t *bad)
{
	json_object_set_new(doc, "status", json_string("unusable"));
	json_object_set_new(doc, "bad", bad);
	return doc;
}

/* What the header holds, then the PCH saved. */
static json_t *record(struct wctx *w, const struct wreq *r, json_t *doc,
		      const struct tu_file *files, size_t n)
{
	json_t *byfile = json_object();
	enum CXSaveError err;

	for (size_t i = 0; i < n; i++)
		if (files[i].depth)
			json_object_set_new(byfile, files[i].rel,
					    file_includes(w, files[i].file));
	w->entries = json_array();
	w->excluded = json_object();
	w->functions = json_array();
	summarize_tu(w);
	json_decref(w->entries);
	json_decref(w->excluded);
	json_object_set_new(doc, "files", byfile);
	json_object_set_new(doc, "functions", w->functions);
	err = clang_saveTranslationUnit(w->tu, r->build_pch,
					clang_defaultSaveOptions(w->tu));
	json_object_set_new(doc, "status", json_string(err == CXSaveError_None ?
						       "ok" : "failed"));
	if (err != CXSaveError_None)
		json_object_set_new(doc, "reason",
				    json_string("cannot save the PCH"));
	return doc;
}

json_t *pch_build(CXIndex idx, const struct wreq *r)
{
	struct wctx w = { .root = r->root, .main_file = r->file };
	json_t *doc = json_object(), *bad = json_array();
	struct tu_file *files;
	unsigned nerrors;
	size_t n;

	if (clang_parseTranslationUnit2(idx, r->file, r->args, r->nargs, NULL,
					0, pch_opts(), &w.tu) != CXError_Success) {
		json_decref(bad);
		json_object_set_new(doc, "status", json_string("failed"));
		json_object_set_new(doc, "reason",
				    json_string("the header did not parse"));
		return doc;
	}
	n = tu_files(&w, &files);
	json_object_set_new(doc, "diagnostics",
			    collect_diagnostics(&w, &nerrors));
	json_object_set_new(doc, "errors", json_integer(nerrors));
	bad_errors(&w, files, n, bad);
	for (size_t i = 0; i < n; i++)
		if (files[i].depth && !path_is_shared(files[i].rel))
			add_bad(bad, files[i].top_line);
	if (json_array_size(bad)) {
		unusable(doc, bad);
	} else {
		json_decref(bad);
		record(&w, r, doc, files, n);
	}
	tu_files_free(files, n);
	clang_disposeTranslationUnit(w.tu);
	return doc;
}
