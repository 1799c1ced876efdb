// SPDX-License-Identifier: GPL-2.0
/*
 * The interprocedural phase of a scan: function summaries from every
 * parsed file, helpers found through the symbol index and parsed on
 * demand, the fixpoint, and the results written onto the entries.
 *
 * On-demand parsing is bounded: at most ONDEMAND_ROUNDS rounds (a helper
 * found in round k may call one found in round k + 1) and ONDEMAND_FILES
 * files in all.  What stays unknown is reported as such, never guessed,
 * except for the few core helpers of the fallback table (fixpoint.c).
 */
#include "analysis.h"

#include <stdlib.h>
#include <string.h>

#define ONDEMAND_ROUNDS 4
#define ONDEMAND_FILES 400

static void add_functions(json_t *all, struct job *jobs, size_t n)
{
	for (size_t k = 0; k < n; k++)
		json_array_extend(all, json_object_get(jobs[k].facts, "functions"));
}

/* Files defining the callees no summary covers, not parsed yet. */
static void wanted_files(struct graph *g, struct symindex *ix, json_t *entries,
			 json_t *parsed, struct strvec *out, size_t budget)
{
	json_t *names = graph_unresolved_callees(g, entries), *v;
	const char *name;

	json_object_foreach(names, name, v) {
		const struct strvec *files = symindex_files(ix, name);

		for (size_t i = 0; i < files->n && out->n < budget; i++) {
			if (json_object_get(parsed, files->v[i]))
				continue;
			json_object_set_new(parsed, files->v[i], json_true());
			sv_push(out, files->v[i]);
		}
	}
	json_decref(names);
	sv_sort_uniq(out);
}

static void parse_more(const struct tree *t, const struct analyze_opts *o,
		       struct strvec *files, json_t *functions)
{
	struct job *jobs = xcalloc(files->n, sizeof(*jobs));

	for (size_t i = 0; i < files->n; i++)
		job_init(&jobs[i], t, o->db, files->v[i]);
	pool_run(t, jobs, files->n, o->jobs, o->timeout, o->progress);
	add_functions(functions, jobs, files->n);
	jobs_free(jobs, files->n);
}

json_t *analyze(const struct tree *t, json_t *scan, struct job *jobs,
		size_t n, const struct analyze_opts *o)
{
	json_t *functions = json_array(), *parsed = json_object();
	json_t *entries = json_object_get(scan, "entries");
	struct symindex *ix = NULL;
	struct graph g;
	size_t extra = 0;

	add_functions(functions, jobs, n);
	for (size_t k = 0; k < n; k++)
		json_object_set_new(parsed, jobs[k].file, json_true());
	for (int round = 0; round < ONDEMAND_ROUNDS && o->ondemand; round++) {
		struct strvec more = { 0 };

		graph_build(&g, t, functions, entries);
		if (!ix)
			ix = symindex_open(t);
		wanted_files(&g, ix, entries, parsed, &more,
			     ONDEMAND_FILES - extra);
		graph_free(&g);
		if (!more.n)
			break;
		extra += more.n;
		parse_more(t, o, &more, functions);
		sv_free(&more);
	}
	graph_build(&g, t, functions, entries);
	graph_solve(&g);
	graph_annotate(&g, scan);
	categorize(&g, scan);
	json_object_set_new(json_object_get(scan, "files"), "on_demand",
			    json_integer(extra));
	json_t *dump = graph_dump(&g);

	/* the graph points into the summaries: free it first */
	graph_free(&g);
	symindex_free(ix);
	json_decref(parsed);
	json_decref(functions);
	return dump;
}
