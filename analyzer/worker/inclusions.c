// SPDX-License-Identifier: GPL-2.0
/*
 * The headers a translation unit included, for the driver's facts cache
 * (cache.c): an entry stays valid while each of them is unchanged, which
 * is exact where hashing whole include directories is not.
 *
 * "inclusions": [ "include/linux/mm.h", "/abs/generated/autoconf.h", ... ]
 *
 * Paths below the tree are relative, as everywhere in a facts document;
 * the driver drops this list from the facts it merges.
 *
 * Also the files of a translation unit and the #include lines of each,
 * which a precompiled header records (pch.c) and a file parsed with it
 * replays (replay.c).
 */
#include "worker/worker.h"

#include <stdlib.h>
#include <string.h>

struct inclusions {
	struct wctx *w;
	json_t *seen;		/* path -> true */
};

static void visit(CXFile f, CXSourceLocation *stack, unsigned depth,
		  CXClientData data)
{
	struct inclusions *inc = data;
	char *name, *rel;

	/* depth 0 is the main file: the cache key has its content */
	if (!depth || !f)
		return;
	name = cx_take(clang_getFileName(f));
	rel = rel_path(inc->w, name);
	json_object_set_new(inc->seen, rel, json_true());
	free(rel);
	free(name);
}

void record_inclusions(struct wctx *w, json_t *doc)
{
	struct inclusions inc = { w, json_object() };
	json_t *list = json_array(), *v;
	const char *path;

	clang_getInclusions(w->tu, visit, &inc);
	json_object_foreach(inc.seen, path, v)
		json_array_append_new(list, json_string(path));
	json_decref(inc.seen);
	json_object_set_new(doc, "inclusions", list);
}

/*
 * A file's name as a key: rel_path() with "./" steps dropped, so that
 * "sound/core/./trace.h" (a trace header's re-inclusion) and
 * "sound/core/trace.h" are one file.
 */
char *file_key(struct wctx *w, const char *abs)
{
	char *rel = rel_path(w, abs), *p;

	while ((p = strstr(rel, "/./")))
		memmove(p, p + 2, strlen(p + 2) + 1);
	while (str_starts(rel, "./"))
		memmove(rel, rel + 2, strlen(rel + 2) + 1);
	return rel;
}

struct files_ctx {
	struct wctx *w;
	struct tu_file *v;
	size_t n;
};

static void visit_file(CXFile f, CXSourceLocation *stack, unsigned depth,
		       CXClientData data)
{
	struct files_ctx *c = data;
	struct tu_file *t;
	unsigned line = 0;
	char *name;

	if (!f)
		return;
	c->v = xrealloc(c->v, (c->n + 1) * sizeof(*c->v));
	t = &c->v[c->n++];
	/*
	 * The outermost #include names the top header when it is in the main
	 * file (not for the command line's -include).
	 */
	if (depth && clang_Location_isFromMainFile(stack[depth - 1]))
		clang_getSpellingLocation(stack[depth - 1], NULL, &line, NULL,
					  NULL);
	t->file = f;
	t->depth = depth;
	t->top_line = line;
	name = cx_take(clang_getFileName(f));
	t->rel = file_key(c->w, name);
	free(name);
}

size_t tu_files(struct wctx *w, struct tu_file **out)
{
	struct files_ctx c = { w, NULL, 0 };

	clang_getInclusions(w->tu, visit_file, &c);
	*out = c.v;
	return c.n;
}

void tu_files_free(struct tu_file *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].rel);
	free(v);
}

struct includes_ctx {
	struct wctx *w;
	json_t *list;
};

static enum CXVisitorResult visit_include(void *data, CXCursor c,
					  CXSourceRange range)
{
	struct includes_ctx *ic = data;
	CXFile f = clang_getIncludedFile(c);
	unsigned line;
	char *name;

	(void)range;
	if (!f)
		return CXVisit_Continue;
	clang_getSpellingLocation(clang_getCursorLocation(c), NULL, &line,
				  NULL, NULL);
	name = cx_take(clang_getFileName(f));
	json_array_append_new(ic->list, json_pack("[i, o]", line,
						  json_take(file_key(ic->w, name))));
	free(name);
	return CXVisit_Continue;
}

/*
 * The #include directives of @f, in order, as [line, header] pairs, also
 * those of a header included before, which an include guard then skips.
 * They come from the preprocessing record: the translation unit must be
 * parsed with CXTranslationUnit_DetailedPreprocessingRecord.
 */
json_t *file_includes(struct wctx *w, CXFile f)
{
	struct includes_ctx ic = { w, json_array() };
	CXCursorAndRangeVisitor v = { &ic, visit_include };

	clang_findIncludesInFile(w->tu, f, v);
	return ic.list;
}
