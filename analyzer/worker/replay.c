// SPDX-License-Identifier: GPL-2.0
/*
 * A file parsed with a shared precompiled header (pch.c) gets the facts a
 * plain parse gives it.  Only the declarations of its own parse are
 * visited (visiting those of the PCH would deserialize all of it), so the
 * summaries of the PCH's inline helpers come from the PCH's document, and
 * only those of the headers the file itself includes: the PCH may hold
 * more.  The order is that of a plain parse, which the driver's
 * deduplication keeps (the first summary of a function wins).
 *
 * So the preprocessor is replayed: the command line's -include files,
 * then the main file; each file is entered at its first #include (include
 * guards skip the others), and its summaries and #include lines are taken
 * in line order.  A file of this parse gives its #include lines from the
 * preprocessing record, a header of the PCH from the PCH's document.
 *
 * The replay fails when a summary of this parse lies in a file it never
 * enters; the worker then parses the file again without the PCH.
 */
#include "worker/worker.h"

#include <stdlib.h>
#include <string.h>

struct replay {
	struct wctx *w;
	json_t *pch_files;	/* header -> [ [line, header], ... ] */
	json_t *pch_fns;	/* header -> [summary, ...] */
	json_t *own_fns;	/* the same for this parse */
	struct tu_file *own;	/* the files of this parse */
	size_t nown;
	json_t *visited;	/* file -> true */
	json_t *out;		/* the summaries in plain-parse order */
	size_t placed;		/* of them, from this parse */
};

static json_t *by_file(struct wctx *w, json_t *functions)
{
	json_t *m = json_object(), *f, *l;
	char *key;
	size_t i;

	json_array_foreach(functions, i, f) {
		key = file_key(w, jstr(f, "file"));
		l = json_object_get(m, key);
		if (!l)
			json_object_set_new(m, key, l = json_array());
		json_array_append(l, f);
		free(key);
	}
	return m;
}

static const struct tu_file *own_file(struct replay *rp, const char *rel)
{
	for (size_t i = 0; i < rp->nown; i++)
		if (!strcmp(rp->own[i].rel, rel))
			return &rp->own[i];
	return NULL;
}

static void enter(struct replay *rp, const char *rel)
{
	const struct tu_file *own;
	json_t *incs, *fns, *f, *inc;
	size_t i = 0, k = 0;

	if (json_object_get(rp->visited, rel))
		return;
	json_object_set_new(rp->visited, rel, json_true());
	own = own_file(rp, rel);
	if (own) {
		incs = file_includes(rp->w, own->file);
		fns = json_object_get(rp->own_fns, rel);
	} else {
		incs = json_incref(json_object_get(rp->pch_files, rel));
		fns = json_object_get(rp->pch_fns, rel);
	}
	if (!incs)
		return;	/* in neither: nothing to replay */
	while (i < json_array_size(incs) || k < json_array_size(fns)) {
		f = json_array_get(fns, k);
		inc = json_array_get(incs, i);
		if (f && (!inc || jint(f, "line") <
			  json_integer_value(json_array_get(inc, 0)))) {
			json_array_append(rp->out, f);
			rp->placed += own != NULL;
			k++;
		} else {
			enter(rp, json_string_value(json_array_get(inc, 1)));
			i++;
		}
	}
	json_decref(incs);
}

static void enter_path(struct replay *rp, const char *abs)
{
	char *rel = file_key(rp->w, abs);

	enter(rp, rel);
	free(rel);
}

/* What the facts cache checks: the headers a plain parse includes. */
static json_t *replayed_inclusions(struct replay *rp, const char *main_rel)
{
	json_t *list = json_array(), *v;
	const char *path;

	for (size_t i = 0; i < rp->nown; i++)
		json_object_set_new(rp->visited, rp->own[i].rel, json_true());
	json_object_foreach(rp->visited, path, v)
		if (strcmp(path, main_rel))
			json_array_append_new(list, json_string(path));
	return list;
}

bool pch_replay(struct wctx *w, json_t *pch, const struct wreq *r,
		json_t *doc, const char **why)
{
	struct replay rp = { .w = w };
	char *main_rel = file_key(w, w->main_file);
	bool ok;

	rp.pch_files = json_object_get(pch, "files");
	rp.pch_fns = by_file(w, json_object_get(pch, "functions"));
	rp.own_fns = by_file(w, w->functions);
	rp.nown = tu_files(w, &rp.own);
	rp.visited = json_object();
	rp.out = json_array();
	for (size_t i = 0; i + 1 < r->nargs; i++)
		if (!strcmp(r->args[i], "-include"))
			enter_path(&rp, r->args[i + 1]);
	enter(&rp, main_rel);
	ok = rp.placed == json_array_size(w->functions);
	if (ok) {
		json_decref(w->functions);
		w->functions = rp.out;
		json_object_set_new(doc, "inclusions",
				    replayed_inclusions(&rp, main_rel));
	} else {
		*why = "a function outside the files replayed";
		json_decref(rp.out);
	}
	tu_files_free(rp.own, rp.nown);
	free(main_rel);
	json_decref(rp.visited);
	json_decref(rp.own_fns);
	json_decref(rp.pch_fns);
	return ok;
}
