// SPDX-License-Identifier: GPL-2.0
/*
 * The interprocedural phase of a scan, on the summaries of every parsed
 * file: the fixpoint, and its results written onto the entries.
 *
 * The summaries may not cover every callee.  analysis_wanted() names the
 * callees the entry points reach but no summary covers; the caller
 * (scan/scan.c) parses the files that define them and asks again.  What
 * stays unknown is reported as such, never guessed, except for the few
 * core helpers of the fallback table (fixpoint.c).
 */
#include "analysis/analysis.h"

json_t *links_new(void)
{
	return json_pack("{s:[], s:{}, s:{}, s:{}}", "stores", "defines",
			 "refs", "consts");
}

void links_add(json_t *links, json_t *facts)
{
	const char *file = jstr(facts, "file");

	json_array_extend(json_object_get(links, "stores"),
			  json_object_get(facts, "stores"));
	if (json_array_size(json_object_get(facts, "defines")))
		json_object_set(json_object_get(links, "defines"), file,
				json_object_get(facts, "defines"));
	if (json_array_size(json_object_get(facts, "refs")))
		json_object_set(json_object_get(links, "refs"), file,
				json_object_get(facts, "refs"));
	if (json_array_size(json_object_get(facts, "consts")))
		json_object_set(json_object_get(links, "consts"), file,
				json_object_get(facts, "consts"));
}

json_t *analysis_wanted(const struct tree *t, json_t *functions,
			json_t *links, json_t *entries)
{
	struct graph g;
	json_t *names;

	graph_build(&g, t, functions, links, entries);
	names = json_pack("{s:o, s:o}", "callees",
			  graph_unresolved_callees(&g, entries),
			  "stores", graph_wanted_stores(&g, entries));
	graph_free(&g);
	return names;
}

json_t *analyze(const struct tree *t, json_t *scan, json_t *functions,
		json_t *links)
{
	struct graph g;
	json_t *dump;

	graph_build(&g, t, functions, links, json_object_get(scan, "entries"));
	graph_solve(&g);
	graph_annotate(&g, scan);
	categorize(&g, scan);
	dump = graph_dump(&g);
	/* the graph points into the summaries: free it first */
	graph_free(&g);
	return dump;
}
