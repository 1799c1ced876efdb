// SPDX-License-Identifier: GPL-2.0
/*
 * The targets of a call through an ops table, seen from one entry point:
 * a dispatch the fixpoint could not bind to a kernel-internal table
 * (fixpoint.c) is left pending on the function, and resolved here per
 * entry: the implementations in the entry's own driver, else all of them
 * when the table is small, else none (an unresolved dispatch, named by
 * its field, that adds no flags).
 */
#include "analysis/analysis.h"

#include <stdlib.h>

size_t dispatch_targets(struct graph *g, const char *field,
			const char *entry_file, struct fn **out, size_t max)
{
	char *dir = path_dir(entry_file);
	size_t n = impl_fns(g, field, dir, false, out, max);

	free(dir);
	if (!n)
		n = impl_fns(g, field, NULL, false, out, max);
	return n > max ? 0 : n;
}
