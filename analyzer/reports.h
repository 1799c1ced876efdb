/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reports derived from scan.json, written next to it by report_write()
 * through report_writers[] (writers.c):
 *
 *   html.c        index.html, a self-contained page for people
 *   sarif.c       scan.sarif, SARIF 2.1.0 for code-scanning tools
 *   summary_md.c  summary.md, short enough for a mailing-list mail
 *
 * Every field the scan may or may not carry (flags, evidence, layers, ...)
 * is optional here: a writer renders what is present.
 */
#ifndef MMPREP_REPORTS_H
#define MMPREP_REPORTS_H

#include "util.h"
#include "jsonget.h"

#include <jansson.h>
#include <stdio.h>

/*
 * jansson reports failure (out of memory, a NULL value, a string that is
 * not UTF-8) through its return values; a report with a silently missing
 * piece is worse than none, so every failure ends the run.
 */
static inline json_t *jnew(json_t *j)
{
	if (!j)
		die(EXIT_INTERNAL, "out of memory building a report");
	return j;
}

static inline void jset(json_t *o, const char *key, json_t *v)
{
	if (json_object_set_new(o, key, jnew(v)))
		die(EXIT_INTERNAL, "cannot set '%s' in a report", key);
}

static inline void jpush(json_t *a, json_t *v)
{
	if (json_array_append_new(a, jnew(v)))
		die(EXIT_INTERNAL, "cannot append to a report array");
}

static inline bool jtrue(json_t *o, const char *key)
{
	return json_is_true(json_object_get(o, key));
}

void html_write(json_t *scan, const char *dir);
void sarif_write(json_t *scan, const char *dir);
void summary_md_write(json_t *scan, const char *dir);

/*
 * Conversion targets ranked by leverage (summary_md.c): the scan's
 * "layers" when present, else entries grouped by a callback shared by
 * several files.  Each element: {"layer", "ops_field", "implementations",
 * "drivers", "late", "blockers": ["VM_IO", ...], "files": [...]}, sorted by
 * drivers, descending.  The caller owns the reference.
 */
json_t *report_ranking(json_t *scan);

/*
 * Per subsystem: {"subsystem", "entries", "late", "early", "special"},
 * most late entries first.  The caller owns the reference.
 */
json_t *report_subsystems(json_t *scan);

/* Write @text to @dir/@name, or end the run with EXIT_OUTPUT. */
void report_file(const char *dir, const char *name, const char *text,
		 size_t len);

/* @s with HTML's special characters as entities (html.c). */
void html_escape(FILE *f, const char *s);

/* Render with @render into memory, then write @dir/@name whole. */
void report_render(json_t *scan, const char *dir, const char *name,
		   void (*render)(FILE *f, json_t *scan));

/* mmprep --report SCAN.json [DIR]: the writers above, on a saved scan. */
int cmd_report(int argc, char **argv);

#endif
