// SPDX-License-Identifier: GPL-2.0
/*
 * The targets of a call through an ops table, seen from one entry point.
 * A dispatch the fixpoint could not bind to a kernel-internal table
 * (fixpoint.c) is left pending on the function, and resolved here per
 * entry, in this order:
 *
 *   1. the tables the entry's own driver (the module its file is linked
 *      into, tree/built.c; else its directory) stores into the field the
 *      ops pointer comes from (q->mem_ops = &vb2_vmalloc_memops; for the
 *      dispatch q->mem_ops->mmap), the worker's "stores";
 *   2. else the defaults that helper libraries the driver uses store
 *      there ("if (!obj->funcs) obj->funcs = &drm_gem_dma_default_funcs;"
 *      in drm_gem_dma_helper.c, for a driver calling its functions);
 *      for tables stored in an array by index, the tables at the indexes
 *      the driver uses (snd_dma_ops[SNDRV_DMA_TYPE_DEV_SG], for a driver
 *      handing SNDRV_DMA_TYPE_DEV_SG to snd_pcm_set_managed_buffer());
 *   3. else the implementations in the entry's own driver (its module,
 *      else its directory), when the dispatch is made elsewhere (a DRM
 *      driver's own funcs->mmap);
 *   4. else every implementation, when they all sit in the dispatcher's
 *      directory (a kernel-internal table no driver chose from);
 *   5. else, when the ops pointer does not come from a field (a call's
 *      result: dma_map_ops), all of a table of at most MAX_TABLE.
 *
 * Otherwise the dispatch is unresolved and named by its field: a core
 * dispatcher forwarding to whichever driver made the object
 * (dmabuf->ops->mmap) adds no flags of drivers it cannot know.
 *
 * A dispatch that a store resolved reaches that driver's tables only; any
 * other also reaches the dispatcher's own fallback for a NULL field
 * (nullpath.c).  dispatch_each() walks the targets of every pending
 * dispatch below an entry, and of theirs in turn, for annotate.c and
 * evidence.c.
 */
#include "analysis/analysis.h"

#include <stdlib.h>
#include <string.h>

/* Does a parsed file of @entry's driver call or store a function of @lib? */
static bool uses_library(struct graph *g, const char *entry, const char *lib)
{
	const char *module = built_module(g->tree, entry);
	char *dir = path_dir(entry);
	char *key = xasprintf("%s|%s", module ? module : dir, lib);
	json_t *known = json_object_get(g->uses, key), *names, *n;
	const char *file;
	bool found = false;
	size_t i;

	json_object_foreach(g->refs, file, names) {
		if (known || found || !built_same_driver(g->tree, entry, file))
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
	if (known)
		found = json_is_true(known);
	else
		json_object_set_new(g->uses, key, json_boolean(found));
	free(key);
	free(dir);
	return found;
}

/* Does a parsed file of @entry's driver use enumeration constant @name? */
static bool uses_const(struct graph *g, const char *entry, const char *name)
{
	json_t *names, *n;
	const char *file;
	size_t i;

	json_object_foreach(g->consts, file, names) {
		if (!built_same_driver(g->tree, entry, file))
			continue;
		json_array_foreach(names, i, n)
			if (!strcmp(json_string_value(n), name))
				return true;
	}
	return false;
}

/*
 * A store of @entry's own driver (@defaults false); or the default of a
 * helper library the driver uses, or a table at an array index it uses
 * (@defaults true).
 */
static bool which_store(struct graph *g, json_t *s, const char *entry,
			bool defaults)
{
	if (!defaults)
		return !*jstr(s, "index") &&
		       built_same_driver(g->tree, entry, jstr(s, "file"));
	if (*jstr(s, "index"))
		return uses_const(g, entry, jstr(s, "index"));
	return jtrue(s, "default") &&
	       !built_same_driver(g->tree, entry, jstr(s, "file")) &&
	       uses_library(g, entry, jstr(s, "file"));
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

/*
 * The implementations of @field in the tables that the stores chose.
 * *@chosen counts those stores; *@hookless, those whose table has no
 * implementation of @field (armada's GEM funcs have no mmap): for them
 * the dispatcher's fallback runs.
 */
static size_t stored_targets(struct graph *g, const char *field,
			     const char *holder, const char *entry,
			     bool defaults, struct fn **out, json_t **stores,
			     size_t max, size_t *chosen, size_t *hookless)
{
	json_t *impls = json_object_get(g->impls, field), *s, *e;
	size_t i, k, n = 0;

	*chosen = *hookless = 0;
	json_array_foreach(json_object_get(g->stores, holder), i, s) {
		bool own = false, any = false;

		if (!which_store(g, s, entry, defaults))
			continue;
		++*chosen;
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
			any = true;
			if (f)
				n = add_target(out, stores, n, max, f, s);
		}
		*hookless += !any;
	}
	return n;
}

/* The implementations of @field in @entry's own driver (built.c). */
static size_t driver_impls(struct graph *g, const char *field,
			   const char *entry, struct fn **out, size_t max)
{
	json_t *e;
	size_t i, n = 0;

	json_array_foreach(json_object_get(g->impls, field), i, e) {
		struct fn *to;

		if (!built_same_driver(g->tree, entry, jstr(e, "file")))
			continue;
		to = graph_find(g, jstr(e, "callback"), jstr(e, "callback_file"));
		if (to)
			n = add_target(out, NULL, n, max, to, NULL);
	}
	return n;
}

size_t dispatch_targets(struct graph *g, struct fn *f, size_t p,
			const char *entry_file, struct fn **out,
			json_t **stores, size_t max, bool *by_store,
			bool *chosen)
{
	size_t nchosen = 0, hookless = 0;
	const char *field = f->pending.v[p];
	const struct pend_src *src = p < 8 ? &f->pend_src[p] : NULL;
	const char *holder = src ? src->holder : NULL;
	char *dir = path_dir(entry_file);
	char *at = src && src->at ? path_dir(src->at->file) : NULL;
	/* a core's own entry: no driver chose anything */
	bool core = at && str_starts(at, dir);
	size_t n = 0, all, local;

	if (stores)
		memset(stores, 0, max * sizeof(*stores));
	if (holder)
		n = stored_targets(g, field, holder, entry_file, false, out,
				   stores, max, &nchosen, &hookless);
	if (holder && !nchosen && !core)
		n = stored_targets(g, field, holder, entry_file, true, out,
				   stores, max, &nchosen, &hookless);
	/* the driver chose: its tables, and the fallback for hookless ones */
	*chosen = nchosen > 0;
	*by_store = nchosen > 0 && !hookless;
	if (nchosen)
		goto out;
	/* no store chosen, so none of its targets either: n is 0 */
	if (!core)
		n = driver_impls(g, field, entry_file, out, max);
	if (!n && at) {
		all = impl_fns(g, field, NULL, false, out, max);
		local = impl_fns(g, field, at, true, out, max);
		n = all == local ? local : 0;
	}
	if (!n && !holder)
		n = impl_fns(g, field, NULL, false, out, max);
out:
	free(dir);
	free(at);
	return n > max ? 0 : n;
}

/*
 * Calls @visit for each target of each pending dispatch of @f seen from
 * @entry_file (whose callback is @self), fallbacks included, then for
 * those of the targets' own pending dispatches (a helper dispatching
 * again, drm_gem_shmem_mmap's dma_buf_mmap), to @depth levels.  @visit
 * returns true to stop; so does dispatch_each.  An unresolved dispatch is
 * visited once with no target.
 */
size_t dispatch_reach(struct graph *g, struct fn *f, size_t p,
		      const char *entry_file, struct fn *self, struct fn **out,
		      json_t **stores, bool *resolved)
{
	bool by_store, chosen;
	size_t n = dispatch_targets(g, f, p, entry_file, out, stores,
				    MAX_TABLE, &by_store, &chosen), k = 0;

	/*
	 * The entry's own callback is no target of its own dispatch: that
	 * forwards to another file's ops (a stacked file system's
	 * vfs_mmap(lower, vma)), which is not known.
	 */
	for (size_t i = 0; i < n; i++) {
		if (out[i] == self)
			continue;
		stores[k] = stores[i];
		out[k++] = out[i];
	}
	n = k;
	*resolved = n > 0 || (chosen && !by_store);
	if (p < 8 && f->pend_src[p].fallback && !by_store) {
		out[n] = f->pend_src[p].fallback;
		stores[n++] = NULL;
	}
	return n;
}

bool dispatch_each(struct graph *g, struct fn *f, const char *entry_file,
		   struct fn *self, int depth, dispatch_visit visit, void *ctx)
{
	struct fn *t[MAX_TABLE + 2];
	json_t *stores[MAX_TABLE + 2];

	for (size_t p = 0; p < f->pending.n; p++) {
		bool resolved;
		size_t n = dispatch_reach(g, f, p, entry_file, self, t, stores,
					  &resolved);
		struct dispatch_hop h = { f, p, NULL, NULL, resolved };

		if (!resolved && visit(&h, ctx))
			return true;
		for (size_t k = 0; k < n; k++) {
			h.target = t[k];
			h.store = stores[k];
			if (visit(&h, ctx))
				return true;
			if (depth > 1 && t[k]->pending.n &&
			    dispatch_each(g, t[k], entry_file, self, depth - 1,
					  visit, ctx))
				return true;
		}
	}
	return false;
}
