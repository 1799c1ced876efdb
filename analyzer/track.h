/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmprep track: .mmap_prepare adoption over kernel revisions.
 *
 *   track.c      revisions (git or unpacked trees), one scan each, counts,
 *                changes between consecutive revisions: adoption.json
 *   track_stats.c  counts of one revision, changes between two
 *   track_git.c    a revision read blob by blob (partial clones)
 *   track_out.c  the same document as CSV, a mailing-list table and an
 *                HTML page
 *   track_chart.c  the SVG chart (gnuplot)
 */
#ifndef MMPREP_TRACK_H
#define MMPREP_TRACK_H

#include "mmprep.h"

/*
 * Write adoption.{json,csv,md,svg} and index.html into @dir; @doc is the
 * adoption.json document.  Returns 0, or -1 after saying what failed.
 */
int track_write(const char *dir, json_t *doc);

/*
 * One revision's counts from its scan.json; @cost (taken) says what the
 * scan cost: worker runs, cached files, seconds.
 */
json_t *track_summary(const char *label, const char *commit, json_t *scan,
		      json_t *cost);
/* The entries of a scan by a name that survives a conversion. */
json_t *track_keys(json_t *scan);
/* Converted, reverted, added and removed entries from @a to @b. */
json_t *track_diff(const char *from, const char *to, json_t *a, json_t *b);

/*
 * Write @commit's files below @dest, skipping blobs the repository lacks
 * (counted in @missing).  Returns 0, or -1.
 */
int track_extract_blobs(const char *repo, const char *commit,
			const char *dest, size_t *missing);

/* Late and early, in the chart and on the page. */
#define LATE_COLOR "#d95f02"
#define EARLY_COLOR "#1b9e77"

/* track_out.c, for track_chart.c: the document and its counts. */
json_t *track_revisions(json_t *doc);
json_t *track_fops(json_t *r);
long long track_sub_count(json_t *r, const char *field, const char *name,
			  const char *kind);
/* Second-level subsystems with a file_operations entry, most late first. */
void track_ranked_subsystems(json_t *doc, struct strvec *out);
/* adoption.svg and adoption.gp in @dir; 0, or -1 after saying why. */
int track_write_svg(const char *dir, json_t *doc);

/* Helpers shared by the files. */
int track_run(char *const argv[], const char *out_path);
/* The standard output of @argv (its length in @len), or NULL on failure. */
char *track_output(char *const argv[], size_t *len);

#endif
