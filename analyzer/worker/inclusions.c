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
 */
#include "worker/worker.h"

#include <stdlib.h>

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
