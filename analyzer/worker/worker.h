/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parse worker (mmprep-parse) parses one translation unit with
 * libclang and writes the facts found in it as one JSON document:
 *
 *   parse.c      main(): translation unit, diagnostics, facts document;
 *                one file per process, or many over a pipe (--serve)
 *   discover.c   mmap entry points (struct fields typed to take a VMA)
 *   summarize.c  per-function summaries of what is done to a VMA
 *   stores.c     ops tables stored into fields; functions defined, used
 *   opsfield.c   calls through ops fields, and tests of them
 *   inclusions.c the headers the file included, for the facts cache
 *   pch.c        a shared precompiled header and what it holds
 *   replay.c     a file parsed with one: the facts a plain parse gives
 *   types.c      which types take a VMA; lifecycle hook structs
 *   cursor.c     libclang helpers: strings, children, tokens, locations
 *
 * The driver (mmprep) merges the documents of all files.
 */
#ifndef MMPREP_WORKER_H
#define MMPREP_WORKER_H

#include "common/json.h"

#include <clang-c/Index.h>
#include <jansson.h>
#include <stdbool.h>

struct wctx {
	CXTranslationUnit tu;
	const char *root;	/* KDIR, absolute; paths below it are relative */
	const char *main_file;	/* absolute path of the parsed file */
	bool all_headers;	/* also report entries found in include/ */
	json_t *entries;
	json_t *excluded;	/* "struct.field" -> count of lifecycle hooks */
	json_t *functions;	/* summaries, see summarize.c */
	json_t *index_only;	/* names whose summaries were asked for */
	json_t *stores;		/* see stores.c */
	json_t *defines;
	json_t *refs;
	json_t *consts;
	struct wtext {		/* file buffers looked up (cursor.c) */
		CXFile file;
		const char *text;
		size_t len;
	} texts[8];
	unsigned ntexts;
};

/* A position in the tree, with paths relative to KDIR where possible. */
struct wloc {
	char *file;
	unsigned line;
	unsigned col;
};

struct cxvec {
	CXCursor *v;
	unsigned n;
	unsigned cap;
};

/* cursor.c */
void children_of(CXCursor c, struct cxvec *out);
void cxvec_free(struct cxvec *v);
char *cx_take(CXString s);
json_t *json_take(char *s);
char *cursor_tokens(struct wctx *w, CXCursor c, const char *sep);
char *cursor_name(CXCursor c);
bool wloc_expansion(struct wctx *w, CXSourceLocation l, struct wloc *out);
bool wloc_of(struct wctx *w, CXCursor c, struct wloc *out);
void wloc_free(struct wloc *l);
bool wctx_wants(struct wctx *w, CXCursor c);
json_t *collect_diagnostics(struct wctx *w, unsigned *nerrors);
char *field_owner(CXCursor field);
char *macro_at(struct wctx *w, CXSourceLocation l);
char *rel_path(struct wctx *w, const char *abs);

/* One request: a file to parse, or a header to precompile. */
struct wreq {
	const char *file;	/* absolute */
	const char *root;	/* KDIR */
	const char *out;	/* the facts document goes here */
	bool all_headers;
	const char *pch;	/* parse with this precompiled header */
	const char *pch_facts;	/* and the document pch_build() wrote */
	const char *build_pch;	/* precompile @file into this path */
	size_t nargs;
	const char *const *args;	/* clang's */
};

/* pch.c: precompile r->file; the PCH's own facts document. */
json_t *pch_build(CXIndex idx, const struct wreq *r);

/* replay.c */
bool pch_replay(struct wctx *w, json_t *pch, const struct wreq *r,
		json_t *doc, char **why);

/* inclusions.c: the files of the translation unit, main file included. */
struct tu_file {
	char *rel;		/* file_key() */
	CXFile file;
	unsigned depth;		/* 0: the main file */
	unsigned top_line;	/* line of the main file's #include reaching it */
};
char *file_key(struct wctx *w, const char *abs);
size_t tu_files(struct wctx *w, struct tu_file **out);
void tu_files_free(struct tu_file *v, size_t n);
json_t *file_includes(struct wctx *w, CXFile f);

/* types.c: what kind of VMA a function type takes: "vma", "desc" or NULL. */
const char *fn_type_vma_kind(CXType fn, int *argno);
const char *record_name_of(CXType t);
CXCursor strip_expr(CXCursor c);

bool is_lifecycle_type(const char *name);

void discover_tu(struct wctx *w);	/* discover.c */
void summarize_tu(struct wctx *w);	/* summarize.c */
void record_inclusions(struct wctx *w, json_t *doc);	/* inclusions.c */

/* opsfield.c */
char *dispatch_field(CXCursor callee);
char *dispatch_holder(CXCursor callee);
int field_test(CXCursor cond, char **field);

/* stores.c */
struct store_site {
	CXCursor field;		/* the FieldDecl stored into, unless... */
	const char *array;	/* ...an element of this array, at @index */
	const char *index;
	CXCursor at;		/* the stored value, for its position */
	const char *in;		/* the enclosing function, or variable */
	unsigned in_line;	/* where @in is defined */
	bool guarded;		/* under "if (!x->field)": a default */
};
void record_store(struct wctx *w, const struct store_site *s, CXCursor value);
void record_function_ref(struct wctx *w, CXCursor ref);
void record_function_def(struct wctx *w, CXCursor fn);
void record_const_ref(struct wctx *w, CXCursor expr);
char *const_name(struct wctx *w, CXCursor expr);
void record_stores(struct wctx *w, json_t *doc);

#endif
