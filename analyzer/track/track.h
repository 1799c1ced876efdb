/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmprep track: .mmap_prepare adoption over kernel revisions.
 *
 *   track.c        revisions (git or unpacked trees), one scan each,
 *                  counts, changes between consecutive revisions
 *   track_git.c    a revision read blob by blob (partial clones)
 *   track_stats.c  counts of one revision, changes between two
 *   track_doc.c    reading the adoption.json document
 *   track_out.c    the document as JSON, CSV, a mailing-list table and
 *                  an HTML page
 *   track_chart.c  the SVG chart (gnuplot)
 */
#ifndef MMPREP_TRACK_H
#define MMPREP_TRACK_H

#include "scan/scan.h"

struct track_opts {
	const char *git;	/* repository, or NULL for unpacked trees */
	const char *name;
	const char *reports;
	bool keep;		/* keep the extracted revisions */
	bool quiet;		/* no per-revision lines */
	struct strvec specs;	/* revisions or trees, as given */
	struct scan_opts scan;	/* how each revision is scanned */
};

/* track.c: scan every revision, write the reports; an exit code. */
int track_main(const struct track_opts *o);
/* The facts cache: {"dir", "entries", "bytes"}; and as a line on stdout. */
json_t *track_cache_info(void);
void track_print_cache_info(json_t *info);

/*
 * track_stats.c: one revision's counts from its scan.json; @cost (taken)
 * says what the scan cost: worker runs, cached files, seconds.
 */
json_t *track_summary(const char *label, const char *commit, json_t *scan,
		      json_t *cost);
/* The entries of a scan by a name that survives a conversion. */
json_t *track_keys(json_t *scan);
/* Converted, reverted, added and removed entries from @a to @b. */
json_t *track_diff(const char *from, const char *to, json_t *a, json_t *b);

/*
 * track_git.c: write @commit's files below @dest, skipping blobs the
 * repository lacks (counted in @missing) and paths that would leave
 * @dest.  Returns 0, or -1.
 */
int track_extract_blobs(const char *repo, const char *commit,
			const char *dest, size_t *missing);
/* Remove the symlinks below @dir that point out of it. */
void track_drop_escaping_links(const char *dir);

/* track_doc.c: the document and its counts. */
json_t *track_revisions(json_t *doc);
json_t *track_fops(json_t *r);
long long track_sub_count(json_t *r, const char *field, const char *name,
			  const char *kind);
/* The union of @field's keys over every revision, sorted. */
void track_all_keys(json_t *doc, const char *field, struct strvec *out);
/* Second-level subsystems with a file_operations entry, most late first. */
void track_ranked_subsystems(json_t *doc, struct strvec *out);

/* Late and early, in the chart and on the page. */
#define LATE_COLOR "#d95f02"
#define EARLY_COLOR "#1b9e77"

/*
 * track_out.c: adoption.json, .csv and .md into @dir (a failure ends the
 * run, as report_file() does); index.html, with the chart's SVG text when
 * there is one.
 */
void track_write_tables(const char *dir, json_t *doc);
void track_write_page(const char *dir, json_t *doc, const char *svg);

/* track_chart.c: adoption.svg and adoption.gp in @dir; 0, or -1. */
int track_write_svg(const char *dir, json_t *doc);

#endif
