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

json_t *analysis_wanted(const struct tree *t, json_t *functions,
			json_t *entries)
{
	struct graph g;
	json_t *names;

	graph_build(&g, t, functions, entries);
	names = graph_unresolved_callees(&g, entries);
	graph_free(&g);
	return names;
}

json_t *analyze(const struct tree *t, json_t *scan, json_t *functions)
{
	struct graph g;
	json_t *dump;

	graph_build(&g, t, functions, json_object_get(scan, "entries"));
	graph_solve(&g);
	graph_annotate(&g, scan);
	categorize(&g, scan);
	dump = graph_dump(&g);
	/* the graph points into the summaries: free it first */
	graph_free(&g);
	return dump;
}
