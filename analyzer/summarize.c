// SPDX-License-Identifier: GPL-2.0
/*
 * Function summaries: every function definition that takes a VMA or a
 * vm_area_desc, with where it is defined.  The driver uses them to locate
 * callbacks defined in another file.
 */
#include "util.h"
#include "worker.h"

#include <stdlib.h>

static void summarize_fn(struct wctx *w, CXCursor fn)
{
	int argno = -1;
	const char *kind = fn_type_vma_kind(clang_getCursorType(fn), &argno);
	struct wloc l = { 0 };
	json_t *f;

	if (!kind || !wloc_of(w, fn, &l))
		return;
	f = json_object();
	json_object_set_new(f, "name", json_take(cursor_name(fn)));
	json_object_set_new(f, "file", json_string(l.file));
	json_object_set_new(f, "line", json_integer(l.line));
	json_object_set_new(f, "static",
			    json_boolean(clang_Cursor_getStorageClass(fn) ==
					 CX_SC_Static));
	json_object_set_new(f, "arg", json_string(kind));
	json_object_set_new(f, "argno", json_integer(argno));
	json_array_append_new(w->functions, f);
	wloc_free(&l);
}

void summarize_tu(struct wctx *w)
{
	struct cxvec top = { 0 };

	children_of(clang_getTranslationUnitCursor(w->tu), &top);
	for (unsigned i = 0; i < top.n; i++) {
		CXCursor c = top.v[i];

		if (clang_getCursorKind(c) == CXCursor_FunctionDecl &&
		    clang_isCursorDefinition(c) && wctx_wants(w, c))
			summarize_fn(w, c);
	}
	cxvec_free(&top);
}
