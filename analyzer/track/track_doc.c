// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the adoption.json document: its revisions and their counts, for
 * the tables (track_out.c) and the chart (track_chart.c).
 */
#include "track/track.h"

#include <stdlib.h>
#include <string.h>

json_t *track_revisions(json_t *doc)
{
	return json_object_get(doc, "revisions");
}

json_t *track_fops(json_t *r)
{
	return json_object_get(r, "file_operations");
}

/* The union of @field's keys over every revision, sorted. */
void track_all_keys(json_t *doc, const char *field, struct strvec *out)
{
	json_t *r, *v;
	const char *k;
	size_t i;

	json_array_foreach(track_revisions(doc), i, r)
		json_object_foreach(json_object_get(r, field), k, v)
			sv_push(out, k);
	sv_sort_uniq(out);
}

long long track_sub_count(json_t *r, const char *field, const char *name,
			   const char *kind)
{
	return jint(json_object_get(json_object_get(r, field), name), kind);
}

/* Subsystems by late entries in the last revision, then by name. */
static json_t *rank_last;

static int cmp_rank(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	long long lx = track_sub_count(rank_last, "subsystems", x, "late");
	long long ly = track_sub_count(rank_last, "subsystems", y, "late");

	return lx != ly ? (ly > lx) - (ly < lx) : strcmp(x, y);
}

static bool has_fops(json_t *doc, const char *sub)
{
	json_t *r;
	size_t i;

	json_array_foreach(track_revisions(doc), i, r)
		if (track_sub_count(r, "subsystems", sub, "late") ||
		    track_sub_count(r, "subsystems", sub, "early"))
			return true;
	return false;
}

/* Second-level subsystems with a file_operations entry, most late first. */
void track_ranked_subsystems(json_t *doc, struct strvec *out)
{
	struct strvec all = { 0 };
	json_t *revs = track_revisions(doc);

	track_all_keys(doc, "subsystems", &all);
	for (size_t i = 0; i < all.n; i++)
		if (has_fops(doc, all.v[i]))
			sv_push(out, all.v[i]);
	sv_free(&all);
	rank_last = json_array_get(revs, json_array_size(revs) - 1);
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_rank);
}
