// SPDX-License-Identifier: GPL-2.0
/*
 * The whole-tree fixpoint: function summaries combined over the call
 * graph, including calls through ops tables.
 *
 * Each function gets "may" (flags some success path sets) and "must"
 * (flags every success path sets; a flag in may but not in must is
 * conditional).  Iteration is Jacobi-style (a round reads only the previous
 * round's values), so round k finds the chains of length k and the first
 * reason recorded for a flag is a shortest chain.  The sets only grow and
 * are bounded, so recursion terminates.
 *
 * A call through an ops pointer (obj->funcs->mmap(obj, vma)) is resolved to
 * the functions the tree stores in that field (the entries of discovery):
 *   - here, when every implementation lives in the dispatching function's
 *     own directory: a kernel-internal table such as snd_dma_ops[] in
 *     sound/core or the videobuf2 memops (at most MAX_TABLE of them);
 *   - otherwise per entry point (dispatch.c): the implementations of the
 *     entry's own driver (a DRM driver whose fops use drm_gem_mmap and
 *     whose own drm_gem_object_funcs.mmap does the work), else all of them
 *     when there are at most MAX_TABLE (dma_map_ops), else an unresolved
 *     dispatch, named by its field, that adds no flags.
 */
#include "analysis/analysis.h"

#include <stdlib.h>
#include <string.h>

#define MAX_ROUNDS 64

/*
 * Built-in facts, used only when a tree lacks the helper's source (a
 * partial tree): marked "fallback" in the output.
 */
static const struct fallback {
	const char *name;
	const char *flags[5];
} fallbacks[] = {
	{ "remap_pfn_range", { "VM_IO", "VM_PFNMAP", "VM_DONTEXPAND", "VM_DONTDUMP" } },
	{ "io_remap_pfn_range", { "VM_IO", "VM_PFNMAP", "VM_DONTEXPAND", "VM_DONTDUMP" } },
	{ "vm_iomap_memory", { "VM_IO", "VM_PFNMAP", "VM_DONTEXPAND", "VM_DONTDUMP" } },
	{ "vm_insert_page", { "VM_MIXEDMAP" } },
	{ "vm_insert_pages", { "VM_MIXEDMAP" } },
	{ "vm_map_pages", { "VM_MIXEDMAP" } },
	{ "vm_map_pages_zero", { "VM_MIXEDMAP" } },
	{ "remap_vmalloc_range", { "VM_MIXEDMAP", "VM_DONTEXPAND", "VM_DONTDUMP" } },
	{ "remap_vmalloc_range_partial", { "VM_MIXEDMAP", "VM_DONTEXPAND", "VM_DONTDUMP" } },
	{ NULL, { NULL } },
};

/* A node of the graph; found by its name unless @hidden (a fallback). */
static size_t add_node(struct graph *g, struct fn *f, bool hidden)
{
	json_t *l = json_object_get(g->byname, f->name);

	g->fns = xrealloc(g->fns, (g->n + 1) * sizeof(*g->fns));
	g->fns[g->n] = f;
	f->idx = g->n;
	if (hidden)
		return g->n++;
	if (!l)
		json_object_set_new(g->byname, f->name, l = json_array());
	json_array_append_new(l, json_integer(g->n));
	return g->n++;
}

static size_t add_fn(struct graph *g, struct fn *f)
{
	return add_node(g, f, false);
}

/*
 * The definition of @name as seen from file @near: the one in @near itself
 * (static or not), else a non-static one in a file the configuration
 * builds, the scanned arch's first, else the nearest by path (tree/built.c).
 * *@guessed tells that the choice among several files was a guess.
 */
struct fn *graph_resolve(struct graph *g, const char *name, const char *near,
			 bool *guessed)
{
	json_t *l = json_object_get(g->byname, name), *v;
	struct fn **cands = xcalloc(json_array_size(l) + 1, sizeof(*cands));
	const char **files = xcalloc(json_array_size(l) + 1, sizeof(*files));
	struct fn *best = NULL;
	size_t i, n = 0;
	long k;

	if (guessed)
		*guessed = false;
	json_array_foreach(l, i, v) {
		struct fn *f = g->fns[json_integer_value(v)];

		if (near && !strcmp(f->file, near)) {
			best = f;
			break;
		}
		if (f->is_static && !f->fallback)
			continue;
		cands[n] = f;
		files[n++] = f->file;
	}
	if (!best && (k = built_pick(g->tree, near, files, n, guessed)) >= 0)
		best = cands[k];
	free(cands);
	free(files);
	return best;
}

struct fn *graph_find(struct graph *g, const char *name, const char *near)
{
	return graph_resolve(g, name, near, NULL);
}

struct fn *entry_fn(struct graph *g, json_t *e)
{
	return graph_find(g, jstr(e, "callback"), jstr(e, "callback_file"));
}

static struct fn *fallback_fn(struct graph *g, const char *name)
{
	for (int i = 0; fallbacks[i].name; i++) {
		struct fn *f;

		if (strcmp(fallbacks[i].name, name))
			continue;
		f = xcalloc(1, sizeof(*f));
		f->name = fallbacks[i].name;
		f->file = "(mmprep fallback table)";
		f->fallback = true;
		for (int k = 0; k < 5 && fallbacks[i].flags[k]; k++) {
			int b = flag_index(&g->vmf, fallbacks[i].flags[k]);

			f->may |= 1ULL << b;
			f->why[b] = (struct why){ WHY_FALLBACK, 0, "fallback", NULL, false };
		}
		f->must = f->may;
		add_fn(g, f);
		return f;
	}
	return NULL;
}

static void direct_facts(struct graph *g, struct fn *f)
{
	json_t *s;
	size_t i;

	json_array_foreach(json_object_get(f->sum, "sets"), i, s) {
		flagset n = flags_of_expr(&g->vmf, s);
		int line = json_integer_value(json_object_get(s, "line"));

		for (int b = 0; b < MAX_FLAGS; b++)
			if ((n & (1ULL << b)) && !(f->may & (1ULL << b)))
				f->why[b] = (struct why){ WHY_SET, line,
							  jstr(s, "via"), NULL, false };
		f->may |= n;
		if (json_is_true(json_object_get(s, "must")))
			f->must |= n;
	}
	json_array_foreach(json_object_get(f->sum, "clears"), i, s)
		f->clears |= flags_of_expr(&g->vmf, s);
	f->rejects = json_is_true(json_object_get(f->sum, "rejects_private"));
	f->refuses = json_is_true(json_object_get(f->sum,
						  "rejects_private_always"));
}

static void add_edge(struct fn *f, struct fn *to, int line, bool must,
		     const char *field, bool guessed)
{
	f->edges = xrealloc(f->edges, (f->nedges + 1) * sizeof(*f->edges));
	f->edges[f->nedges++] = (struct edge){ to, line, must, field, guessed };
}

static void call_edges(struct graph *g, struct fn *f)
{
	json_t *c;
	size_t i;

	json_array_foreach(json_object_get(f->sum, "calls"), i, c) {
		const char *callee = jstr(c, "callee");
		const char *cfile = jstr(c, "callee_file");
		bool guessed;
		struct fn *to = graph_resolve(g, callee, *cfile ? cfile : f->file,
					      &guessed);

		if (!to)
			to = fallback_fn(g, callee);
		if (to && to != f)
			add_edge(f, to, json_integer_value(json_object_get(c, "line")),
				 json_is_true(json_object_get(c, "must")), NULL,
				 guessed);
	}
}

/* The functions stored in ops field @field, as graph nodes. */
size_t impl_fns(struct graph *g, const char *field, const char *dir,
		bool exact, struct fn **out, size_t max)
{
	json_t *l = json_object_get(g->impls, field), *e;
	size_t i, n = 0;

	json_array_foreach(l, i, e) {
		struct fn *to;

		if (dir && !str_starts(jstr(e, "file"), dir))
			continue;
		/* exact: in @dir itself, not below it */
		if (dir && exact && strchr(jstr(e, "file") + strlen(dir), '/'))
			continue;
		to = graph_find(g, jstr(e, "callback"), jstr(e, "callback_file"));
		if (!to)
			continue;
		if (n == max)
			return max + 1;
		out[n++] = to;
	}
	return n;
}

/*
 * The array every table implementing @field is stored in, by index
 * ("snd_dma_ops[]"), or NULL: a dispatch through "ops = snd_dma_ops[type]"
 * is then resolved per entry by the indexes its driver uses (dispatch.c).
 */
static const char *array_of(struct graph *g, const char *field)
{
	const char *array = NULL;
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(g->impls, field), i, e) {
		const char *a = json_string_value(json_object_get(g->arrays,
							jstr(e, "ops_name")));

		if (!a || (array && strcmp(a, array)))
			return NULL;
		array = a;
	}
	return array;
}

/* Does any driver store a table into field @holder? */
static bool holder_has_stores(struct graph *g, const char *holder)
{
	return holder && json_array_size(json_object_get(g->stores, holder));
}

/*
 * A dispatch binds here to a kernel-internal table (every implementation
 * in the dispatcher's own directory), unless drivers store tables into
 * the field the ops pointer comes from: then each entry point gets the
 * tables its own driver stores (dispatch.c).
 */
static void dispatch_edges(struct graph *g, struct fn *f)
{
	struct fn *targets[MAX_TABLE + 1];
	char *dir = path_dir(f->file);
	json_t *d;
	size_t i;

	json_array_foreach(json_object_get(f->sum, "dispatch"), i, d) {
		const char *field = jstr(d, "field");
		const char *holder = json_string_value(json_object_get(d, "holder"));

		if (!holder)
			holder = array_of(g, field);
		int line = json_integer_value(json_object_get(d, "line"));
		size_t all = impl_fns(g, field, NULL, false, targets, MAX_TABLE);
		size_t local = impl_fns(g, field, dir, true, targets, MAX_TABLE);

		if (!sv_contains(&f->reached, field))
			sv_push(&f->reached, field);
		json_t *nullidx = json_object_get(f->nullpaths, field);
		struct fn *null = nullidx ? g->fns[json_integer_value(nullidx)] : NULL;

		if (all && all == local && all <= MAX_TABLE &&
		    !holder_has_stores(g, holder)) {
			for (size_t k = 0; k < all; k++)
				add_edge(f, targets[k], line, false, field, false);
			if (null)
				add_edge(f, null, line, false, field, false);
		} else if (!sv_contains(&f->pending, field)) {
			if (f->pending.n < 8) {
				f->why_pending[f->pending.n] = (struct why){
					WHY_DISPATCH, line, field, NULL, false };
				f->pend_src[f->pending.n] = (struct pend_src){
					holder, f, jtrue(d, "must"), null };
			}
			sv_push(&f->pending, field);
		}
	}
	free(dir);
}

/* The workers' stores by holder, and who defines and uses what. */
static void index_links(struct graph *g, json_t *links)
{
	json_t *s, *names, *n;
	const char *file;
	size_t i, k;

	g->stores = json_object();
	g->definers = json_object();
	g->uses = json_object();
	g->refs = json_incref(json_object_get(links, "refs"));
	g->consts = json_incref(json_object_get(links, "consts"));
	g->arrays = json_object();
	json_array_foreach(json_object_get(links, "stores"), i, s) {
		json_t *l = json_object_get(g->stores, jstr(s, "holder"));

		if (*jstr(s, "index"))
			json_object_set(g->arrays, jstr(s, "table"),
					json_object_get(s, "holder"));
		if (!l)
			json_object_set_new(g->stores, jstr(s, "holder"),
					    l = json_array());
		json_array_append(l, s);
	}
	json_object_foreach(json_object_get(links, "defines"), file, names) {
		json_array_foreach(names, k, n) {
			json_t *l = json_object_get(g->definers,
						    json_string_value(n));

			if (!l)
				json_object_set_new(g->definers,
						    json_string_value(n),
						    l = json_object());
			json_object_set_new(l, file, json_true());
		}
	}
}

static struct fn *new_fn(struct graph *g, json_t *sum, bool hidden)
{
	struct fn *f = xcalloc(1, sizeof(*f));

	json_array_append_new(g->owned, sum);
	f->sum = sum;
	f->name = jstr(sum, "name");
	f->file = jstr(sum, "file");
	f->line = json_integer_value(json_object_get(sum, "line"));
	f->is_static = json_is_true(json_object_get(sum, "static"));
	direct_facts(g, f);
	add_node(g, f, hidden);
	return f;
}

/* A function, and the fallbacks of its dispatches as nodes of their own. */
static void add_summary(struct graph *g, json_t *s)
{
	json_t *paths, *p;
	const char *field;
	struct fn *f = new_fn(g, nullpath_split(s, &paths), false);

	json_object_foreach(paths, field, p) {
		struct fn *null = new_fn(g, json_incref(p), true);

		if (!f->nullpaths)
			f->nullpaths = json_object();
		json_object_set_new(f->nullpaths, field, json_integer(null->idx));
	}
	json_decref(paths);
}

static char *summary_key(json_t *s)
{
	return xasprintf("%s:%s:%lld", jstr(s, "name"), jstr(s, "file"),
			 json_integer_value(json_object_get(s, "line")));
}

void summaries_add(json_t *all, json_t *seen, json_t *more)
{
	json_t *s;
	size_t i;

	json_array_foreach(more, i, s) {
		char *key = summary_key(s);

		if (!json_object_get(seen, key)) {
			json_object_set_new(seen, key, json_true());
			json_array_append(all, s);
		}
		free(key);
	}
}

void graph_build(struct graph *g, const struct tree *t, json_t *functions,
		 json_t *links, json_t *entries)
{
	json_t *s, *e;
	size_t i;

	memset(g, 0, sizeof(*g));
	g->tree = t;
	g->byname = json_object();
	g->impls = json_object();
	index_links(g, links);
	vmflags_load(&g->vmf, t);
	json_array_foreach(entries, i, e) {
		char *key = xasprintf("%s.%s", jstr(e, "ops_type"), jstr(e, "field"));
		json_t *l = json_object_get(g->impls, key);

		if (!l)
			json_object_set_new(g->impls, key, l = json_array());
		json_array_append(l, e);
		free(key);
	}
	g->owned = json_array();
	json_array_foreach(functions, i, s)
		add_summary(g, s);
	for (i = 0, s = NULL; i < g->n; i++) {
		if (g->fns[i]->fallback)
			continue;
		call_edges(g, g->fns[i]);
		dispatch_edges(g, g->fns[i]);
	}
}

/* Unresolved dispatches below a callee are the caller's too. */
static bool inherit_pending(struct fn *f, struct edge *e)
{
	bool changed = false;

	for (size_t p = 0; p < e->to->reached.n; p++) {
		if (!sv_contains(&f->reached, e->to->reached.v[p])) {
			sv_push(&f->reached, e->to->reached.v[p]);
			changed = true;
		}
	}
	for (size_t p = 0; p < e->to->pending.n; p++) {
		if (sv_contains(&f->pending, e->to->pending.v[p]))
			continue;
		if (f->pending.n < 8) {
			f->why_pending[f->pending.n] =
				(struct why){ WHY_CALL, e->line, NULL, e->to,
					      e->guessed };
			f->pend_src[f->pending.n] = p < 8 ? e->to->pend_src[p] :
				(struct pend_src){ NULL, NULL, false, NULL };
			f->pend_src[f->pending.n].must &= e->must && !e->field;
		}
		sv_push(&f->pending, e->to->pending.v[p]);
		changed = true;
	}
	return changed;
}

/* One Jacobi round: reads @may/@must/@rej, the previous round's values. */
static bool solve_round(struct graph *g, flagset *may, flagset *must,
			bool *rej)
{
	bool changed = false;

	for (size_t i = 0; i < g->n; i++) {
		may[i] = g->fns[i]->may;
		must[i] = g->fns[i]->must;
		rej[i] = g->fns[i]->rejects || g->fns[i]->rejects_below;
	}
	for (size_t i = 0; i < g->n; i++) {
		struct fn *f = g->fns[i];
		flagset old_must = f->must, old_clears = f->clears;

		for (size_t k = 0; k < f->nedges; k++) {
			struct edge *e = &f->edges[k];
			size_t to = e->to->idx;
			flagset add = may[to] & ~f->may;

			for (int b = 0; b < MAX_FLAGS; b++)
				if (add & (1ULL << b))
					f->why[b] = (struct why){
						e->field ? WHY_DISPATCH : WHY_CALL,
						e->line, e->field, e->to, e->guessed };
			f->may |= may[to];
			f->clears |= e->to->clears;
			/* a dispatch may reach any one target: never "must" */
			if (e->must && !e->field)
				f->must |= must[to];
			/* a guard in a callee every path calls */
			if (rej[to] && e->must && !e->field && !f->rejects_below)
				f->rejects_below = changed = true;
			changed |= add != 0;
			changed |= inherit_pending(f, e);
		}
		changed |= f->must != old_must || f->clears != old_clears;
	}
	return changed;
}

/*
 * A function refuses private mappings on every path when it tests for
 * them before anything else can succeed, or calls, on every path, a
 * function that does.
 */
static void solve_refuses(struct graph *g)
{
	bool changed = true;

	for (int r = 0; changed && r < MAX_ROUNDS; r++) {
		changed = false;
		for (size_t i = 0; i < g->n; i++) {
			struct fn *f = g->fns[i];

			for (size_t k = 0; k < f->nedges && !f->refuses; k++)
				if (f->edges[k].must && !f->edges[k].field &&
				    f->edges[k].to->refuses)
					f->refuses = changed = true;
		}
	}
}

void graph_solve(struct graph *g)
{
	flagset *may = xcalloc(g->n, sizeof(*may));
	flagset *must = xcalloc(g->n, sizeof(*must));
	bool *rej = xcalloc(g->n, sizeof(*rej));

	for (int r = 0; r < MAX_ROUNDS && solve_round(g, may, must, rej); r++)
		;
	solve_refuses(g);
	free(may);
	free(must);
	free(rej);
}

void graph_free(struct graph *g)
{
	for (size_t i = 0; i < g->n; i++) {
		free(g->fns[i]->edges);
		json_decref(g->fns[i]->nullpaths);
		sv_free(&g->fns[i]->pending);
		sv_free(&g->fns[i]->reached);
		free(g->fns[i]);
	}
	free(g->fns);
	json_decref(g->byname);
	json_decref(g->impls);
	vmflags_free(&g->vmf);
	json_decref(g->stores);
	json_decref(g->definers);
	json_decref(g->refs);
	json_decref(g->consts);
	json_decref(g->arrays);
	json_decref(g->uses);
	json_decref(g->owned);
	memset(g, 0, sizeof(*g));
}

static void mark_reachable(struct fn *f, bool *seen)
{
	if (seen[f->idx])
		return;
	seen[f->idx] = true;
	for (size_t k = 0; k < f->nedges; k++)
		mark_reachable(f->edges[k].to, seen);
	for (size_t p = 0; p < f->pending.n && p < 8; p++)
		if (f->pend_src[p].fallback)
			mark_reachable(f->pend_src[p].fallback, seen);
}

/*
 * Callees with no summary, among the functions the entry points reach:
 * the names to look up in the symbol index.
 */
json_t *graph_unresolved_callees(struct graph *g, json_t *entries)
{
	json_t *out = json_object(), *c, *e;
	bool *seen = xcalloc(g->n, sizeof(*seen));
	size_t i;

	json_array_foreach(entries, i, e) {
		struct fn *f = entry_fn(g, e);

		if (f)
			mark_reachable(f, seen);
		else
			json_object_set_new(out, jstr(e, "callback"), json_true());
	}
	for (size_t k = 0; k < g->n; k++) {
		struct fn *f = g->fns[k], *to;

		if (!seen[k] || f->fallback)
			continue;
		json_array_foreach(json_object_get(f->sum, "calls"), i, c) {
			const char *name = jstr(c, "callee");

			to = graph_find(g, name, f->file);
			if (!to || to->fallback)
				json_object_set_new(out, name, json_true());
		}
	}
	free(seen);
	return out;
}

/* Does a parsed file of @entry's driver store a table into @holder? */
static bool driver_stores(struct graph *g, const char *entry,
			  const char *holder)
{
	json_t *s;
	size_t i;

	json_array_foreach(json_object_get(g->stores, holder), i, s)
		if (built_same_driver(g->tree, entry, jstr(s, "file")))
			return true;
	return false;
}

/* The tables that have an implementation of ops field @field, by name. */
static void tables_of(struct graph *g, const char *field, json_t *names)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(g->impls, field), i, e)
		if (!strchr(jstr(e, "ops_name"), '[') &&
		    !strchr(jstr(e, "ops_name"), '.') &&
		    !strchr(jstr(e, "ops_name"), ' '))
			json_object_set_new(names, jstr(e, "ops_name"), json_true());
}

/*
 * Where a driver's own store may be in a file not parsed yet: for each
 * entry reaching a dispatch through a field (its holder) into which no
 * parsed file of the entry's driver stores,
 * { entry file: { field name: { table name } } }, the tables that
 * implement what is dispatched.  A core's own entries (the dispatch made
 * in their directory) ask nothing.
 */
json_t *graph_wanted_stores(struct graph *g, json_t *entries)
{
	json_t *out = json_object(), *e, *d;
	bool *seen = xcalloc(g->n, sizeof(*seen));
	size_t i, j;

	json_array_foreach(entries, i, e) {
		struct fn *f = entry_fn(g, e);
		const char *file = jstr(e, "file");
		char *dir = path_dir(file);

		if (f) {
			memset(seen, 0, g->n * sizeof(*seen));
			mark_reachable(f, seen);
		}
		for (size_t k = 0; f && k < g->n; k++) {
			if (!seen[k] || str_starts(g->fns[k]->file, dir))
				continue;
			json_array_foreach(json_object_get(g->fns[k]->sum, "dispatch"), j, d) {
				const char *holder = json_string_value(
					json_object_get(d, "holder"));
				json_t *fields, *tables;

				if (!holder || !strchr(holder, '.') ||
				    driver_stores(g, file, holder))
					continue;
				fields = json_object_get(out, file);
				if (!fields)
					json_object_set_new(out, file,
							    fields = json_object());
				tables = json_object_get(fields, strrchr(holder, '.') + 1);
				if (!tables)
					json_object_set_new(fields, strrchr(holder, '.') + 1,
							    tables = json_object());
				tables_of(g, jstr(d, "field"), tables);
			}
		}
		free(dir);
	}
	free(seen);
	return out;
}
