// SPDX-License-Identifier: GPL-2.0
/*
 * Evidence: for each reported flag, the call chain from the entry point
 * down to the primitive that sets it.  Each hop names a function, the file
 * and line of its definition, and "at", the line of the call (or of the
 * set) inside it that leads on; the last hop names the primitive in "via".
 */
#include "analysis/analysis.h"

#include <stdlib.h>
#include <string.h>

#define MAX_HOPS 32

static json_t *hop(struct fn *f, int at, const char *via)
{
	json_t *h = json_pack("{s:s, s:s, s:i}", "function", f->name,
			      "file", f->file, "line", f->line);

	/* what the dispatcher does when the ops field is NULL (nullpath.c) */
	if (f->sum && *jstr(f->sum, "fallback_of"))
		json_object_set_new(h, "when_null", json_string(
			jstr(f->sum, "fallback_of")));
	if (at)
		json_object_set_new(h, "at", json_integer(at));
	if (via)
		json_object_set_new(h, "via", json_string(via));
	return h;
}

/*
 * The hop of a function that a call reached as the nearest of several
 * definitions, with nothing known of which one the configuration builds.
 */
static json_t *guessed_hop(json_t *h, bool guessed)
{
	if (guessed)
		json_object_set_new(h, "resolved", json_string("nearest"));
	return h;
}

/* Follows why[] from @f; returns false if the chain could not be closed. */
static bool follow(struct fn *f, int flag, json_t *chain, bool *fallback)
{
	bool guessed = false;

	for (int n = 0; f && n < MAX_HOPS; n++) {
		struct why *w = &f->why[flag];

		switch (w->kind) {
		case WHY_SET:
			json_array_append_new(chain, guessed_hop(
				hop(f, w->line, w->via), guessed));
			return true;
		case WHY_FALLBACK:
			*fallback = true;
			json_array_append_new(chain, guessed_hop(
				hop(f, 0, "fallback table"), guessed));
			return true;
		case WHY_CALL:
		case WHY_DISPATCH:
			json_array_append_new(chain, guessed_hop(
				hop(f, w->line, w->via), guessed));
			guessed = w->guessed;
			f = w->next;
			break;
		default:
			return false;
		}
	}
	return false;
}

/* The path from @f down to the function that dispatches @field. */
static struct fn *follow_pending(struct fn *f, const char *field,
				 json_t *chain)
{
	bool guessed = false;

	for (int n = 0; f && n < MAX_HOPS; n++) {
		size_t i;

		for (i = 0; i < f->pending.n && i < 8; i++)
			if (!strcmp(f->pending.v[i], field))
				break;
		if (i == f->pending.n || i == 8)
			return NULL;
		if (f->why_pending[i].kind == WHY_DISPATCH) {
			json_array_append_new(chain, guessed_hop(
				hop(f, f->why_pending[i].line, field), guessed));
			return f;
		}
		json_array_append_new(chain, guessed_hop(
			hop(f, f->why_pending[i].line, NULL), guessed));
		guessed = f->why_pending[i].guessed;
		f = f->why_pending[i].next;
	}
	return NULL;
}

/* The store that chose a dispatch's target, shown on the dispatch's hop. */
static void store_hop(json_t *chain, json_t *store)
{
	json_t *h = json_array_get(chain, json_array_size(chain) - 1);

	if (!store || !h)
		return;
	json_object_set_new(h, "store", json_pack(
		"{s:s, s:s, s:s, s:I, s:s, s:I, s:b}",
		"holder", jstr(store, "holder"), "table", jstr(store, "table"),
		"file", jstr(store, "file"), "line", jint(store, "line"),
		"in", jstr(store, "in"), "in_line", jint(store, "in_line"),
		"default", jtrue(store, "default")));
	if (*jstr(store, "index"))
		json_object_set(json_object_get(h, "store"), "index",
				json_object_get(store, "index"));
}

static void truncate_chain(json_t *chain, size_t n)
{
	while (json_array_size(chain) > n)
		json_array_remove(chain, json_array_size(chain) - 1);
}

/*
 * A chain from @f down to @flag through its pending dispatches, as seen
 * from @entry_file, into the targets' own dispatches to @depth levels.
 */
static bool pending_chain(struct graph *g, struct fn *f, int flag,
			  const char *entry_file, struct fn *self,
			  json_t *chain, bool *fallback, int depth)
{
	struct fn *t[MAX_TABLE + 2];
	json_t *stores[MAX_TABLE + 2];
	size_t mark = json_array_size(chain);

	for (size_t p = 0; p < f->pending.n; p++) {
		bool resolved;
		size_t n = dispatch_reach(g, f, p, entry_file, self, t,
					  stores, &resolved);

		for (size_t k = 0; k < n; k++) {
			bool here = t[k]->may & (1ULL << flag);

			if (!here && (depth <= 1 || !t[k]->pending.n))
				continue;
			if (follow_pending(f, f->pending.v[p], chain)) {
				store_hop(chain, stores[k]);
				if (here ? follow(t[k], flag, chain, fallback) :
				    pending_chain(g, t[k], flag, entry_file, self,
						  chain, fallback, depth - 1))
					return true;
			}
			truncate_chain(chain, mark);
		}
	}
	return false;
}

json_t *evidence_chain(struct graph *g, struct fn *f, int flag,
		       const char *entry_file, bool *fallback)
{
	json_t *chain = json_array();

	if (f->may & (1ULL << flag) ? follow(f, flag, chain, fallback) :
	    pending_chain(g, f, flag, entry_file, f, chain, fallback,
			  DISPATCH_DEPTH))
		return chain;
	json_decref(chain);
	return NULL;
}

static json_t *dump_fn(struct graph *g, struct fn *f)
{
	json_t *o = json_pack("{s:s, s:s, s:i, s:o, s:o, s:o, s:b}",
			      "name", f->name, "file", f->file, "line", f->line,
			      "flags", flag_names(&g->vmf, f->may),
			      "must", flag_names(&g->vmf, f->must),
			      "clears", flag_names(&g->vmf, f->clears),
			      "rejects_private", f->rejects);
	json_t *edges = json_array(), *why = json_object(), *pend = json_array();

	for (size_t k = 0; k < f->nedges; k++)
		json_array_append_new(edges, json_pack("{s:s, s:s, s:i, s:i, s:b, s:s?, s:s?}",
			"to", f->edges[k].to->name, "file", f->edges[k].to->file,
			"to_line", f->edges[k].to->line, "at", f->edges[k].line,
			"must", f->edges[k].must, "field", f->edges[k].field,
			"resolved", f->edges[k].guessed ? "nearest" : NULL));
	for (int b = 0; b < MAX_FLAGS; b++) {
		struct why *w = &f->why[b];

		if (!(f->may & (1ULL << b)))
			continue;
		json_object_set_new(why, flag_name(&g->vmf, b), json_pack(
			"{s:i, s:s?, s:s?, s:s?}", "at", w->line, "via", w->via,
			"next", w->next ? w->next->name : NULL,
			"next_file", w->next ? w->next->file : NULL));
	}
	for (size_t p = 0; p < f->pending.n; p++)
		json_array_append_new(pend, json_string(f->pending.v[p]));
	json_object_set_new(o, "calls", edges);
	json_object_set_new(o, "why", why);
	json_object_set_new(o, "unresolved", pend);
	json_object_set_new(o, "fallback", json_boolean(f->fallback));
	if (f->sum && *jstr(f->sum, "fallback_of"))
		json_object_set_new(o, "when_null", json_string(
			jstr(f->sum, "fallback_of")));
	if (!f->fallback)
		json_object_set_new(o, "built", json_string(
			built_name(built_file(g->tree, f->file))));
	return o;
}

/* functions.json: every summary with its solved flags, for explain. */
json_t *graph_dump(struct graph *g)
{
	json_t *out = json_array();

	for (size_t i = 0; i < g->n; i++)
		if (g->fns[i]->may || g->fns[i]->nedges || g->fns[i]->pending.n ||
		    g->fns[i]->rejects)
			json_array_append_new(out, dump_fn(g, g->fns[i]));
	return out;
}
