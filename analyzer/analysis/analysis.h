/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The interprocedural half of a scan, on the merged entries and the
 * per-function summaries of the parse workers:
 *
 *   vmflags.c    VM_* names and values of the tree being scanned
 *   symindex.c   where the tree defines functions that take a VMA
 *   fixpoint.c   the call graph, and summaries combined over it
 *   dispatch.c   the targets of a call through an ops table
 *   nullpath.c   what a dispatcher does when the ops field is NULL
 *   evidence.c   call chains for each flag; functions.json
 *   annotate.c   the solved graph written onto the entries; layers
 *   categorize.c the conversion category of each late entry
 *   analyze.c    the phase as a whole
 */
#ifndef MMPREP_ANALYSIS_H
#define MMPREP_ANALYSIS_H

#include "tree/tree.h"

#define MAX_FLAGS 64
#define MAX_TABLE 12	/* ops tables this small are enumerated */
typedef unsigned long long flagset;

/*
 * analyze.c, on @functions with one summary of each function
 * (summaries_add()): what the entries reach and the summaries do not
 * cover yet, as {"callees": {name}, "stores": {entry file: {field:
 * {table}}}}: callees without a summary, and the entries whose driver's
 * store into a field they dispatch through was not seen; then the whole
 * analysis, which writes its results onto @scan's entries and returns
 * functions.json.
 */
json_t *analysis_wanted(const struct tree *t, json_t *functions,
			json_t *links, json_t *entries);
json_t *analyze(const struct tree *t, json_t *scan, json_t *functions,
		json_t *links);
/*
 * @links: what the workers found besides summaries (worker/stores.c), as
 * {"stores": [store], "defines": {file: [name]}, "refs": {file: [name]},
 * "consts": {file: [name]}};
 * links_add() adds one worker document's.
 */
json_t *links_new(void);
void links_add(json_t *links, json_t *facts);
/*
 * fixpoint.c: a function's summary comes from every file whose parse sees
 * its definition (a header's inline helper, from each file that includes
 * it), and the first one counts: summaries_add() appends those of @more
 * that @all lacks, by name, file and line, kept in @seen.
 */
void summaries_add(json_t *all, json_t *seen, json_t *more);

/* vmflags.c: the VM_* names of one tree, and the values its mm.h gives */
struct vmflags {
	char *name[MAX_FLAGS];
	unsigned long long value[MAX_FLAGS];	/* 0: the tree gives none */
	int n;
	flagset special;	/* VM_SPECIAL's bits, set by vmflags_load() */
};
void vmflags_load(struct vmflags *vf, const struct tree *t);
void vmflags_free(struct vmflags *vf);
int flag_index(struct vmflags *vf, const char *vm_name);
const char *flag_name(const struct vmflags *vf, int idx);
flagset flags_of_expr(struct vmflags *vf, json_t *expr);
flagset special_mask(const struct vmflags *vf);
json_t *flag_names(const struct vmflags *vf, flagset f);
/* Is @name one of VM_SPECIAL's flags (include/linux/mm.h)? */
bool vm_special(const char *name);

/* symindex.c */
struct symindex;
struct symindex *symindex_open(const struct tree *t);
const struct strvec *symindex_files(struct symindex *ix, const char *name);
void symindex_free(struct symindex *ix);

/* How a function comes to have a flag: the first step of the chain. */
enum why_kind { WHY_NONE, WHY_SET, WHY_CALL, WHY_DISPATCH, WHY_FALLBACK };

struct fn;

/* Where a dispatch left pending on a function was made, and through what. */
struct pend_src {
	const char *holder;	/* the field the ops pointer came from, or NULL */
	struct fn *at;		/* the function that dispatches */
	bool must;		/* every success path makes the dispatch */
	struct fn *fallback;	/* what @at does when the field is NULL */
};

struct why {
	enum why_kind kind;
	int line;		/* of the set, call or dispatch in this function */
	const char *via;	/* primitive or ops field */
	struct fn *next;	/* callee, for WHY_CALL and WHY_DISPATCH */
	bool guessed;		/* @next: the nearest of several definitions */
};

struct edge {
	struct fn *to;
	int line;
	bool must;
	const char *field;	/* ops field, for a dispatch edge */
	bool guessed;		/* @to: the nearest of several definitions */
};

struct fn {
	size_t idx;		/* in graph.fns */
	json_t *sum;		/* the worker's summary */
	const char *name;
	const char *file;
	int line;
	bool is_static;
	bool fallback;		/* facts from the built-in table */
	json_t *nullpaths;	/* ops field -> index of its fallback (nullpath.c) */
	flagset may, must, clears;
	bool rejects, rejects_below;
	bool refuses;		/* every path refuses private mappings */
	struct edge *edges;
	size_t nedges;
	struct strvec pending;	/* ops fields left to resolve per entry */
	struct strvec reached;	/* every ops field dispatched below */
	struct why why[MAX_FLAGS];
	struct why why_pending[8];	/* for pending.v[i], i < 8 */
	struct pend_src pend_src[8];	/* for pending.v[i], i < 8 */
};

struct graph {
	struct vmflags vmf;	/* of the tree being analysed */
	const struct tree *tree;
	struct fn **fns;
	size_t n;
	json_t *byname;		/* name -> [index into fns] */
	json_t *impls;		/* "struct.field" -> [entry] */
	json_t *stores;		/* holder "struct.field" -> [store] */
	json_t *definers;	/* function name -> {file: true} */
	json_t *refs;		/* file -> [function names] */
	json_t *consts;		/* file -> [enumeration constants] */
	json_t *arrays;		/* table -> "array[]" it is stored in */
	json_t *uses;		/* "driver|file": does it use library file */
	json_t *owned;		/* summaries made here (nullpath.c) */
};

/* fixpoint.c */
void graph_build(struct graph *g, const struct tree *t, json_t *functions,
		 json_t *links, json_t *entries);
void graph_solve(struct graph *g);
struct fn *graph_find(struct graph *g, const char *name, const char *near);
struct fn *graph_resolve(struct graph *g, const char *name, const char *near,
			 bool *guessed);
struct fn *entry_fn(struct graph *g, json_t *entry);
void graph_free(struct graph *g);
json_t *graph_unresolved_callees(struct graph *g, json_t *entries);
json_t *graph_wanted_stores(struct graph *g, json_t *entries);
size_t impl_fns(struct graph *g, const char *field, const char *dir,
		bool exact, struct fn **out, size_t max);

/*
 * dispatch.c: the targets of pending dispatch @p of @f seen from an entry
 * in @entry_file, at most @max; with each, the store that chose it (or
 * NULL) in @stores when that is not NULL.  *@chosen: the driver's stores
 * decided; *@by_store: ...and every table they chose has the hook.
 * 0 and not chosen: unresolved.
 */
size_t dispatch_targets(struct graph *g, struct fn *f, size_t p,
			const char *entry_file, struct fn **out,
			json_t **stores, size_t max, bool *by_store,
			bool *chosen);
/* One target of pending dispatch @p of @from (NULL: none, unresolved). */
struct dispatch_hop {
	struct fn *from;
	size_t p;
	struct fn *target;
	json_t *store;		/* the store that chose it, or NULL */
	bool resolved;
};
typedef bool (*dispatch_visit)(const struct dispatch_hop *h, void *ctx);
#define DISPATCH_DEPTH 3
/*
 * The targets of pending dispatch @p of @f, the dispatcher's fallback for
 * a NULL field included unless a store chose them, and the entry's own
 * callback @self left out; @out and @stores hold MAX_TABLE + 2.
 * *@resolved: some target other than the fallback.
 */
size_t dispatch_reach(struct graph *g, struct fn *f, size_t p,
		      const char *entry_file, struct fn *self, struct fn **out,
		      json_t **stores, bool *resolved);
bool dispatch_each(struct graph *g, struct fn *f, const char *entry_file,
		   struct fn *self, int depth, dispatch_visit visit, void *ctx);

/*
 * nullpath.c: @sum without the sites of its fallbacks (a new reference),
 * and in *@paths, when it has any, { ops field: summary of the fallback }.
 */
json_t *nullpath_split(json_t *sum, json_t **paths);

/* annotate.c */
void graph_annotate(struct graph *g, json_t *scan);

/* categorize.c */
void categorize(struct graph *g, json_t *scan);
/*
 * The rows of categories.tsv's @text (cut up in place), each [category,
 * cocci, mode, api, when, reason]; and the first of them whose "when"
 * holds on the scan.json entry @e, or NULL.
 */
json_t *category_table(char *text);
json_t *category_row(json_t *rows, json_t *e);

/* evidence.c */
json_t *evidence_chain(struct graph *g, struct fn *f, int flag,
		       const char *entry_file, bool *fallback);
json_t *graph_dump(struct graph *g);

#endif
