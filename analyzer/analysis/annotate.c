// SPDX-License-Identifier: GPL-2.0
/*
 * The solved graph, written onto each entry point of scan.json:
 *
 *   flags, special    VM_* names some success path sets, and whether one
 *                     of them is in VM_SPECIAL (refused by ksm_compatible())
 *   conditional       some success path lacks a flag another one sets
 *                     (a VM_SPECIAL flag, when any is set)
 *   clears            VM_* names cleared
 *   rejects_private   true: the callback fails private mappings itself;
 *                     "partial": a callee does, on some path; false
 *   evidence          a chain per flag
 *   unresolved        ops dispatches with no bounded target, by field
 *   ksm_impact        for a late file_operations entry, what the late path
 *                     costs KSM (below); null for the others
 *   source            "derived", or "fallback" when a chain used the
 *                     built-in table
 *
 * plus a top-level "layers": each ops field that hands drivers a VMA, with
 * how many implementations sit behind it (the blast radius of converting
 * that layer).
 */
#include "analysis/analysis.h"

#include <stdlib.h>
#include <string.h>

struct entry_acc {
	struct fn *entry;
	flagset flags;
	flagset *all;		/* per pending dispatch of the entry */
	bool *special;		/* its every target always sets VM_SPECIAL */
	json_t *unresolved;
	flagset special_mask;	/* the tree's VM_SPECIAL */
};

static bool add_target(const struct dispatch_hop *h, void *ctx)
{
	struct entry_acc *a = ctx;
	const char *field = h->from->pending.v[h->p];

	if (!h->target) {
		/* nothing is known of what it always sets */
		if (h->from == a->entry)
			a->all[h->p] = 0, a->special[h->p] = false;
		jpush(a->unresolved, json_string(field));
		return false;
	}
	a->flags |= h->target->may;
	if (h->from == a->entry) {
		a->all[h->p] &= h->target->must;
		a->special[h->p] &= !!(h->target->must & a->special_mask);
	}
	return false;
}

/*
 * The flags of entry @f in @file: its own, and those of the targets of
 * its pending dispatches (dispatch.c).  *@must gets the flags every
 * success path sets: a dispatch on every path adds what all its targets
 * always set; *@special, whether every success path sets some VM_SPECIAL
 * flag (each target one of its own).
 */
static flagset entry_flags(struct graph *g, struct fn *f, const char *file,
			   json_t *unresolved, flagset *must, bool *special)
{
	struct entry_acc a = { f, f->may, NULL, NULL, unresolved,
				special_mask(&g->vmf) };
	json_t *uniq = json_object(), *v;
	size_t i;

	a.all = xcalloc(f->pending.n + 1, sizeof(*a.all));
	a.special = xcalloc(f->pending.n + 1, sizeof(*a.special));
	for (size_t p = 0; p < f->pending.n; p++)
		a.all[p] = ~0ULL, a.special[p] = true;
	dispatch_each(g, f, file, f, DISPATCH_DEPTH, add_target, &a);
	*must = f->must;
	*special = f->must & a.special_mask;
	for (size_t p = 0; p < f->pending.n && p < 8; p++) {
		if (!f->pend_src[p].must || a.all[p] == ~0ULL)
			continue;
		*must |= a.all[p];
		*special |= a.special[p];
	}
	/* each unresolved field once, in the order met */
	json_array_foreach(unresolved, i, v) {
		if (json_object_get(uniq, json_string_value(v))) {
			json_array_remove(unresolved, i--);
			continue;
		}
		json_object_set_new(uniq, json_string_value(v), json_true());
	}
	json_decref(uniq);
	free(a.all);
	free(a.special);
	return a.flags;
}

static json_t *entry_evidence(struct graph *g, struct fn *f, flagset flags,
			      const char *file, bool *fallback)
{
	json_t *ev = json_array();

	for (int b = 0; b < MAX_FLAGS; b++) {
		json_t *chain;

		if (!(flags & (1ULL << b)))
			continue;
		chain = evidence_chain(g, f, b, file, fallback);
		if (chain)
			json_array_append_new(ev, json_pack("{s:s, s:o}", "flag",
							    flag_name(&g->vmf, b), "chain",
							    chain));
	}
	return ev;
}

/*
 * What the late KSM path costs a late entry.  ksm_compatible() (mm/ksm.c)
 * leaves out VM_SHARED | VM_MAYSHARE and VM_SPECIAL VMAs whatever the
 * path, so KSM and VMA merging are lost only for private mappings that
 * come out without VM_SPECIAL:
 *
 *   none-shared-only  every path refuses private mappings
 *   none-special      every success path sets a VM_SPECIAL flag
 *   unknown           the body was not found, or a dispatch is unresolved
 *   conditional       some paths set VM_SPECIAL or refuse private
 *                     mappings, others do not
 *   lost              private mappings are accepted and nothing sets
 *                     VM_SPECIAL
 */
static const char *ksm_impact(struct graph *g, struct fn *f, flagset flags,
			      bool always, json_t *unresolved)
{
	flagset special = special_mask(&g->vmf);

	if (!f)
		return "unknown";
	if (f->refuses)
		return "none-shared-only";
	if (always)
		return "none-special";
	if (json_array_size(unresolved))
		return "unknown";
	if ((flags & special) || f->rejects || f->rejects_below)
		return "conditional";
	return "lost";
}

static void set_impact(struct graph *g, json_t *e, struct fn *f,
		       flagset flags, bool always, json_t *unresolved)
{
	bool late = !strcmp(jstr(e, "ksm_path"), "late");

	json_object_set_new(e, "ksm_impact", late ?
			    json_string(ksm_impact(g, f, flags, always,
						   unresolved)) :
			    json_null());
}

static void annotate_entry(struct graph *g, json_t *e)
{
	struct fn *f = entry_fn(g, e);
	json_t *unresolved = json_array();
	bool fallback = false, always;
	flagset flags, must, special = special_mask(&g->vmf);

	if (!f) {
		/* the callback's body was not found: claim nothing */
		json_object_set_new(e, "flags", json_array());
		json_object_set_new(e, "special", json_false());
		json_object_set_new(e, "source", json_string("unknown"));
		json_object_set_new(e, "unresolved", unresolved);
		set_impact(g, e, NULL, 0, false, unresolved);
		return;
	}
	flags = entry_flags(g, f, jstr(e, "file"), unresolved, &must, &always);
	json_object_set_new(e, "flags", flag_names(&g->vmf, flags));
	json_object_set_new(e, "special", json_boolean(flags & special));
	/*
	 * Conditional about the flags that matter to KSM when there are
	 * any: an arch flag set on one path (x86's VM_PAT in
	 * track_pfn_remap) does not make a remap_pfn_range user conditional.
	 */
	json_object_set_new(e, "conditional", json_boolean(
		(flags & special ? flags & special : flags) &
		~must));
	json_object_set_new(e, "clears", flag_names(&g->vmf, f->clears));
	json_object_set_new(e, "rejects_private",
			    f->rejects ? json_true() :
			    f->rejects_below ? json_string("partial") :
					       json_false());
	json_object_set_new(e, "evidence",
			    entry_evidence(g, f, flags, jstr(e, "file"), &fallback));
	set_impact(g, e, f, flags, always, unresolved);
	json_object_set_new(e, "unresolved", unresolved);
	json_object_set_new(e, "source",
			    json_string(fallback ? "fallback" : "derived"));
}

/* Distinct driver directories among @list's entries. */
static size_t count_dirs(json_t *list)
{
	struct strvec dirs = { 0 };
	json_t *e;
	size_t i, n;

	json_array_foreach(list, i, e)
		sv_take(&dirs, path_dir(jstr(e, "file")));
	sv_sort_uniq(&dirs);
	n = dirs.n;
	sv_free(&dirs);
	return n;
}

static json_t *layers(struct graph *g, json_t *entries)
{
	json_t *out = json_array(), *list, *e;
	const char *field;
	size_t i;

	json_object_foreach(g->impls, field, list) {
		json_t *disp;
		size_t users = 0;

		if (str_starts(field, "file_operations."))
			continue;
		disp = json_array();
		for (size_t k = 0; k < g->n; k++) {
			json_t *d;
			size_t j;

			json_array_foreach(json_object_get(g->fns[k]->sum, "dispatch"), j, d)
				if (!strcmp(jstr(d, "field"), field)) {
					json_array_append_new(disp,
						json_string(g->fns[k]->name));
					break;
				}
		}
		json_array_foreach(entries, i, e) {
			struct fn *f = entry_fn(g, e);

			if (f && !strcmp(jstr(e, "ops_type"), "file_operations") &&
			    sv_contains(&f->reached, field))
				users++;
		}
		json_array_append_new(out, json_pack(
			"{s:s, s:I, s:I, s:o, s:I}", "ops_field", field,
			"implementations", (json_int_t)json_array_size(list),
			"drivers", (json_int_t)count_dirs(list),
			"dispatchers", disp, "file_operations_users",
			(json_int_t)users));
	}
	return out;
}

void graph_annotate(struct graph *g, json_t *scan)
{
	json_t *entries = json_object_get(scan, "entries"), *e;
	size_t i;

	json_array_foreach(entries, i, e)
		annotate_entry(g, e);
	json_object_set_new(scan, "layers", layers(g, entries));
}
