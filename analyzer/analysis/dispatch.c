// SPDX-License-Identifier: GPL-2.0
/*
 * The targets of a call through an ops table, seen from one entry point.
 * A dispatch the fixpoint could not bind to a kernel-internal table
 * (fixpoint.c) is left pending on the function, and resolved here per
 * entry, in this order:
 *
 *   1. the tables the entry's own driver stores into the field the ops
 *      pointer comes from (q->mem_ops = &vb2_vmalloc_memops; for the
 *      dispatch q->mem_ops->mmap), the worker's "stores";
 *   2. else the defaults that helper libraries the driver uses store
 *      there ("if (!obj->funcs) obj->funcs = &drm_gem_dma_default_funcs;"
 *      in drm_gem_dma_helper.c, for a driver calling its functions);
 *   3. else the implementations in the entry's own directory, when the
 *      dispatch is made elsewhere (a DRM driver's own funcs->mmap);
 *   4. else every implementation, when they all sit in the dispatcher's
 *      directory (a kernel-internal table no driver chose from);
 *   5. else, when the ops pointer does not come from a field (a call's
 *      result: dma_map_ops), all of a table of at most MAX_TABLE.
 *
 * Otherwise the dispatch is unresolved and named by its field: a core
 * dispatcher forwarding to whichever driver made the object
 * (dmabuf->ops->mmap) adds no flags of drivers it cannot know.
 */
#include "analysis/analysis.h"

#include <stdlib.h>
#include <string.h>

bool holder_has_stores(struct graph *g, const char *holder)
{
	return holder && json_array_size(json_object_get(g->stores, holder));
}

/* Does a parsed file in @dir call or store a function that @lib defines? */
static bool uses_library(struct graph *g, const char *dir, const char *lib)
{
	char *key = xasprintf("%s|%s", dir, lib);
	json_t *known = json_object_get(g->uses, key), *names, *n;
	const char *file;
	bool found = false;
	size_t i;

	if (known) {
		free(key);
		return json_is_true(known);
	}
	json_object_foreach(g->refs, file, names) {
		if (!str_starts(file, dir) || found)
			continue;
		json_array_foreach(names, i, n) {
			json_t *defs = json_object_get(g->definers,
						       json_string_value(n));

			if (json_object_get(defs, lib)) {
				found = true;
				break;
			}
		}
	}
	json_object_set_new(g->uses, key, json_boolean(found));
	free(key);
	return found;
}

/* Is @file in directory @dir itself (@exact) or below it? */
static bool in_dir(const char *file, const char *dir, bool exact)
{
	return str_starts(file, dir) &&
	       (!exact || !strchr(file + strlen(dir), '/'));
}

static bool which_store(struct graph *g, json_t *s, const char *dir,
			int kind)
{
	switch (kind) {
	case 0:		/* the driver's own directory */
		return in_dir(jstr(s, "file"), dir, true);
	case 1:		/* below it */
		return in_dir(jstr(s, "file"), dir, false);
	default:	/* a library's default, the driver using the library */
		return jtrue(s, "default") && !str_starts(jstr(s, "file"), dir) &&
		       uses_library(g, dir, jstr(s, "file"));
	}
}

static size_t add_target(struct fn **out, json_t **stores, size_t n,
			 size_t max, struct fn *f, json_t *store)
{
	for (size_t k = 0; k < n && k < max; k++)
		if (out[k] == f)
			return n;
	if (n < max) {
		out[n] = f;
		if (stores)
			stores[n] = store;
	}
	return n + 1;
}

/* The implementations of @field in the tables that @kind stores chose. */
static size_t stored_targets(struct graph *g, const char *field,
			     const char *holder, const char *dir, int kind,
			     struct fn **out, json_t **stores, size_t max)
{
	json_t *impls = json_object_get(g->impls, field), *s, *e;
	size_t i, k, n = 0;

	json_array_foreach(json_object_get(g->stores, holder), i, s) {
		bool own = false;

		if (!which_store(g, s, dir, kind))
			continue;
		/* a static table of the storing file before one of its name */
		json_array_foreach(impls, k, e)
			own |= !strcmp(jstr(e, "ops_name"), jstr(s, "table")) &&
			       !strcmp(jstr(e, "file"), jstr(s, "file"));
		json_array_foreach(impls, k, e) {
			struct fn *f;

			if (strcmp(jstr(e, "ops_name"), jstr(s, "table")) ||
			    (own && strcmp(jstr(e, "file"), jstr(s, "file"))))
				continue;
			f = graph_find(g, jstr(e, "callback"),
				       jstr(e, "callback_file"));
			if (f)
				n = add_target(out, stores, n, max, f, s);
		}
	}
	return n;
}

size_t dispatch_targets(struct graph *g, struct fn *f, size_t p,
			const char *entry_file, struct fn **out,
			json_t **stores, size_t max)
{
	const char *field = f->pending.v[p];
	const struct pend_src *src = p < 8 ? &f->pend_src[p] : NULL;
	const char *holder = src ? src->holder : NULL;
	char *dir = path_dir(entry_file);
	char *at = src && src->at ? path_dir(src->at->file) : NULL;
	size_t n = 0, all, local;

	if (stores)
		memset(stores, 0, max * sizeof(*stores));
	for (int kind = 0; holder && !n && kind < 3; kind++) {
		/* below the driver's directory: not from a core's own */
		if (kind == 1 && at && str_starts(at, dir))
			continue;
		n = stored_targets(g, field, holder, dir, kind, out, stores, max);
	}
	if (!n && !(at && str_starts(at, dir)))
		n = impl_fns(g, field, dir, false, out, max);
	if (!n && at) {
		all = impl_fns(g, field, NULL, false, out, max);
		local = impl_fns(g, field, at, true, out, max);
		n = all == local ? local : 0;
	}
	if (!n && !holder)
		n = impl_fns(g, field, NULL, false, out, max);
	free(dir);
	free(at);
	return n > max ? 0 : n;
}
