/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reports, all derived from the scan.json document:
 *
 *   report.c      scan.json, scan.txt (gcc/sparse-style diagnostics),
 *                 functions.json and the summary for the terminal
 *   writers.c     the further reports, written next to scan.json:
 *   html.c          index.html, a self-contained page for people
 *   sarif.c         scan.sarif, SARIF 2.1.0 for code-scanning tools
 *   summary_md.c    summary.md, short enough for a mailing-list mail
 *   ranking.c     conversion targets by leverage, subsystems
 *   ksm.c         what the late path costs KSM, in words and counts
 *   render.c      writing a report whole, escaping HTML
 *
 * Every field the scan may or may not carry (flags, evidence, layers, ...)
 * is optional here: a writer renders what is present.
 */
#ifndef MMPREP_REPORTS_H
#define MMPREP_REPORTS_H

#include "common/json.h"

#include <stdio.h>

/* report.c */
void report_write(json_t *scan, const char *dir);
void report_functions(json_t *functions, const char *dir);
void report_summary(json_t *scan, FILE *out);
/* One entry as scan.txt's lines; also the CHECK= mode's output. */
void report_txt_entry(FILE *f, json_t *e);

/* writers.c: index.html, scan.sarif and summary.md into @dir. */
void report_write_extra(json_t *scan, const char *dir);
void html_write(json_t *scan, const char *dir);
void sarif_write(json_t *scan, const char *dir);
void summary_md_write(json_t *scan, const char *dir);

/*
 * Conversion targets ranked by leverage (ranking.c): the scan's
 * "layers" when present, else entries grouped by a callback shared by
 * several files.  Each element: {"layer", "ops_field", "implementations",
 * "drivers", "late", "wins", "moves", "blockers": ["VM_IO", ...],
 * "files": [...]}, sorted by "wins" (late entries whose private mappings
 * lose KSM now), then "moves", descending.  The caller owns the reference.
 */
json_t *report_ranking(json_t *scan);

/*
 * Per subsystem: {"subsystem", "entries", "late", "early", "special",
 * "lost"}, most late entries first.  The caller owns the reference.
 */
json_t *report_subsystems(json_t *scan);

/*
 * ksm.c: the "ksm_impact" values, most costly first; each in words; does
 * it cost anything (lost, conditional, or not known: an older scan); does
 * entry @e lose KSM; and the late entries' count of each (the caller
 * owns the reference).
 */
extern const char *const ksm_impacts[];
const char *ksm_impact_text(const char *impact);
bool ksm_impact_costs(const char *impact);
bool ksm_loses(json_t *e);
json_t *report_ksm_counts(json_t *scan);

/* render.c: write @text to @dir/@name, or end the run with EXIT_OUTPUT. */
void report_file(const char *dir, const char *name, const char *text,
		 size_t len);
/* @doc as sorted, indented JSON in @dir/@name (report.c), written whole. */
void report_json(json_t *doc, const char *dir, const char *name);
/* Render with @render into memory, then write @dir/@name whole. */
void report_render(json_t *scan, const char *dir, const char *name,
		   void (*render)(FILE *f, json_t *scan));
/* @s with HTML's special characters as entities. */
void html_escape(FILE *f, const char *s);
/* fprintf() with "%s" escaped and "%r" raw markup (render.c). */
void html_printf(FILE *f, const char *fmt, ...);
/* Is an evidence hop a place in the tree (not the built-in table)? */
bool report_hop_located(json_t *hop);

#endif
