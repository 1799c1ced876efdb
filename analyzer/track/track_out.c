// SPDX-License-Identifier: GPL-2.0
/*
 * The track reports, all from the adoption.json document:
 *
 *   adoption.json  the document itself
 *   adoption.csv   one row per revision and scope (all, top-level
 *                  directory, second level, layer), for spreadsheets
 *   adoption.md    tables to paste into a mail
 *   adoption.svg   late vs early per revision and per subsystem, drawn
 *                  by gnuplot (the script is kept as adoption.gp)
 *   index.html     the chart, the tables and every change
 */
#define _GNU_SOURCE
#include "track/track.h"
#include "reports/reports.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MD_LIST_MAX 40		/* changes listed per kind in adoption.md */
#define MD_SUBSYSTEMS_TOP 15	/* subsystems adoption.md always lists */

static long long layer_entries(json_t *r)
{
	json_t *v;
	const char *k;
	long long n = 0;

	json_object_foreach(json_object_get(r, "top_level"), k, v)
		n += jint(v, "layers");
	return n;
}

static long long layer_impls(json_t *r, const char *layer)
{
	json_t *l;
	size_t i;

	json_array_foreach(json_object_get(r, "layers"), i, l) {
		char *name = xasprintf("%s.%s", jstr(l, "layer"),
				       jstr(l, "ops_field"));
		bool match = !strcmp(name, layer);

		free(name);
		if (match)
			return jint(l, "implementations");
	}
	return 0;
}

static void all_layers(json_t *doc, struct strvec *out)
{
	json_t *r, *l;
	size_t i, j;

	json_array_foreach(track_revisions(doc), i, r)
		json_array_foreach(json_object_get(r, "layers"), j, l)
			sv_pushf(out, "%s.%s", jstr(l, "layer"),
				 jstr(l, "ops_field"));
	sv_sort_uniq(out);
}

/*
 * One text field of adoption.csv.  Labels, scopes and layers are names
 * from the tracked trees: quoted as RFC 4180 says, so that a comma or a
 * quote keeps its column, and with a leading ' when a spreadsheet would
 * take the field for a formula (=, +, -, @, tab, CR).
 */
static void csv_text(FILE *f, const char *s)
{
	fputc('"', f);
	if (*s && strchr("=+-@\t\r", *s))
		fputc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputs("\",", f);
}

/* The revision's label, version and commit, then @level and @scope. */
static void csv_row_start(FILE *f, json_t *r, const char *level,
			  const char *scope)
{
	csv_text(f, jstr(r, "label"));
	csv_text(f, jstr(r, "version"));
	csv_text(f, jstr(r, "commit"));
	csv_text(f, level);
	csv_text(f, scope);
}

static void csv_scope(FILE *f, json_t *r, const char *level,
		      const char *field, struct strvec *names)
{
	for (size_t i = 0; i < names->n; i++) {
		csv_row_start(f, r, level, names->v[i]);
		fprintf(f, "%lld,%lld,,,,%lld,,,,,\n",
			track_sub_count(r, field, names->v[i], "late"),
			track_sub_count(r, field, names->v[i], "early"),
			track_sub_count(r, field, names->v[i], "layers"));
	}
}

static void render_csv(FILE *f, json_t *doc)
{
	struct strvec tops = { 0 }, subs = { 0 }, layers = { 0 };
	size_t i;
	json_t *r;

	track_all_keys(doc, "top_level", &tops);
	track_all_keys(doc, "subsystems", &subs);
	all_layers(doc, &layers);
	fputs("revision,version,commit,level,scope,late,early,late_special,"
	      "late_mechanical,late_unresolved,layer_entries,late_lost,"
	      "late_conditional,late_impact_unknown,late_none_special,"
	      "late_none_shared_only\n", f);
	json_array_foreach(track_revisions(doc), i, r) {
		json_t *fo = track_fops(r);

		csv_row_start(f, r, "all", "all");
		fprintf(f, "%lld,%lld,%lld,%lld,%lld,%lld,%lld,%lld,%lld,%lld,"
			   "%lld\n",
			jint(fo, "late"), jint(fo, "early"),
			jint(fo, "late_special"), jint(fo, "late_mechanical"),
			jint(fo, "late_unresolved"), layer_entries(r),
			jint(fo, "late_lost"), jint(fo, "late_conditional"),
			jint(fo, "late_impact_unknown"),
			jint(fo, "late_none_special"),
			jint(fo, "late_none_shared_only"));
		csv_scope(f, r, "top", "top_level", &tops);
		csv_scope(f, r, "sub", "subsystems", &subs);
		for (size_t k = 0; k < layers.n; k++) {
			csv_row_start(f, r, "layer", layers.v[k]);
			fprintf(f, ",,,,,%lld,,,,,\n",
				layer_impls(r, layers.v[k]));
		}
	}
	sv_free(&tops);
	sv_free(&subs);
	sv_free(&layers);
}

/*
 * A Markdown table padded to fixed columns, so that it reads as well in
 * a plain-text mail as rendered.
 */
struct table {
	size_t ncol;
	struct strvec cells;	/* row-major, header first */
};

static void cell(struct table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void cell(struct table *t, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		die(EXIT_INTERNAL, "out of memory");
	va_end(ap);
	sv_take(&t->cells, s);
}

static void table_print(FILE *f, struct table *t)
{
	size_t *w = xcalloc(t->ncol, sizeof(*w)), rows = t->cells.n / t->ncol;

	for (size_t i = 0; i < t->cells.n; i++)
		if (strlen(t->cells.v[i]) > w[i % t->ncol])
			w[i % t->ncol] = strlen(t->cells.v[i]);
	for (size_t r = 0; r < rows; r++) {
		for (size_t c = 0; c < t->ncol; c++)
			fprintf(f, "| %*s ", c ? (int)w[c] : -(int)w[c],
				t->cells.v[r * t->ncol + c]);
		fputs("|\n", f);
		for (size_t c = 0; !r && c < t->ncol; c++)
			fprintf(f, "|%.*s%s", (int)w[c] + 1,
				"-----------------------------------------------"
				"-----------------------------------------------",
				c ? ":" : "-");
		if (!r)
			fputs("|\n", f);
	}
	fputc('\n', f);
	free(w);
	sv_free(&t->cells);
}

static void totals_table(json_t *doc, struct table *t)
{
		json_t *r;
	size_t i;

	t->ncol = 12;
	cell(t, "revision");
	cell(t, "version");
	cell(t, ".mmap (late)");
	cell(t, ".mmap_prepare (early)");
	cell(t, "early %%");
	cell(t, "late, VM_SPECIAL");
	cell(t, "late, sets none");
	cell(t, "late, unresolved");
	cell(t, "late, lose KSM");
	cell(t, "late, KSM on some paths");
	cell(t, "layer entries");
	cell(t, "files parsed/cached");
	json_array_foreach(track_revisions(doc), i, r) {
		json_t *fo = track_fops(r), *c = json_object_get(r, "cost");
		long long late = jint(fo, "late"), early = jint(fo, "early");

		cell(t, "%s", jstr(r, "label"));
		cell(t, "%s", jstr(r, "version"));
		cell(t, "%lld", late);
		cell(t, "%lld", early);
		cell(t, "%.1f", late + early ? 100.0 * early / (late + early) : 0.0);
		cell(t, "%lld", jint(fo, "late_special"));
		cell(t, "%lld", jint(fo, "late_mechanical"));
		cell(t, "%lld", jint(fo, "late_unresolved"));
		cell(t, "%lld", jint(fo, "late_lost"));
		cell(t, "%lld", jint(fo, "late_conditional"));
		cell(t, "%lld", layer_entries(r));
		cell(t, "%lld/%lld", jint(c, "parsed_fresh"), jint(c, "cached"));
	}
}

/* Whether a subsystem's late/early counts differ between revisions. */
static bool sub_changed(json_t *doc, const char *sub)
{
	json_t *first = json_array_get(track_revisions(doc), 0), *r;
	size_t i;

	json_array_foreach(track_revisions(doc), i, r)
		if (track_sub_count(r, "subsystems", sub, "late") !=
			    track_sub_count(first, "subsystems", sub, "late") ||
		    track_sub_count(r, "subsystems", sub, "early") !=
			    track_sub_count(first, "subsystems", sub, "early"))
			return true;
	return false;
}

/*
 * Every subsystem, most late first; or, for a mail (brief), the first
 * MD_SUBSYSTEMS_TOP and those whose counts moved.  Returns how many
 * were left out.
 */
static size_t subsystems_table(json_t *doc, struct table *t, bool brief)
{
	struct strvec subs = { 0 };
	size_t i, left = 0;
	json_t *r;

	t->ncol = 1 + json_array_size(track_revisions(doc));
	track_ranked_subsystems(doc, &subs);
	cell(t, "subsystem (late/early)");
	json_array_foreach(track_revisions(doc), i, r)
		cell(t, "%s", jstr(r, "label"));
	for (size_t s = 0; s < subs.n; s++) {
		if (brief && s >= MD_SUBSYSTEMS_TOP &&
		    !sub_changed(doc, subs.v[s])) {
			left++;
			continue;
		}
		cell(t, "%s", subs.v[s]);
		json_array_foreach(track_revisions(doc), i, r)
			cell(t, "%lld/%lld",
			     track_sub_count(r, "subsystems", subs.v[s], "late"),
			     track_sub_count(r, "subsystems", subs.v[s], "early"));
	}
	sv_free(&subs);
	return left;
}

/* Returns false when no layer hands drivers a VMA. */
static bool layers_table(json_t *doc, struct table *t)
{
	struct strvec layers = { 0 };
	json_t *r;
	size_t i;

	t->ncol = 1 + json_array_size(track_revisions(doc));
	all_layers(doc, &layers);
	if (!layers.n)
		return false;
	cell(t, "layer.field (implementations)");
	json_array_foreach(track_revisions(doc), i, r)
		cell(t, "%s", jstr(r, "label"));
	for (size_t l = 0; l < layers.n; l++) {
		cell(t, "%s", layers.v[l]);
		json_array_foreach(track_revisions(doc), i, r)
			cell(t, "%lld", layer_impls(r, layers.v[l]));
	}
	sv_free(&layers);
	return true;
}

static const char no_layers[] =
	"No layer hands drivers a VMA in these revisions.";

/* max: entries shown, the rest left to adoption.json; 0 shows all */
static void md_list(FILE *f, json_t *c, const char *kind, const char *title,
		    size_t max)
{
	json_t *list = json_object_get(c, kind), *e;
	size_t i, n = json_array_size(list);

	if (!n)
		return;
	fprintf(f, "%s:\n", title);
	json_array_foreach(list, i, e) {
		if (max && i == max) {
			fprintf(f, "  ... and %zu more (adoption.json)\n", n - i);
			break;
		}
		if (json_object_get(e, "was"))
			fprintf(f, "  %s (was %s)\n", jstr(e, "id"),
				jstr(e, "was"));
		else
			fprintf(f, "  %s%s\n", jstr(e, "id"),
				strcmp(jstr(e, "state"), "layer") ? "" :
				" [layer]");
	}
	fputc('\n', f);
}

static void md_changes(FILE *f, json_t *doc)
{
	json_t *c;
	size_t i;

	json_array_foreach(json_object_get(doc, "changes"), i, c) {
		size_t moved = json_array_size(json_object_get(c, "moved"));

		fprintf(f, "### %s -> %s: %zu converted, %zu added, %zu removed",
			jstr(c, "from"), jstr(c, "to"),
			json_array_size(json_object_get(c, "converted")),
			json_array_size(json_object_get(c, "added")),
			json_array_size(json_object_get(c, "removed")));
		if (moved)
			fprintf(f, ", %zu moved", moved);
		fprintf(f, "%s\n\n",
			json_array_size(json_object_get(c, "reverted")) ?
				", some reverted to .mmap" : "");
		fputs("```\n", f);
		/* the conversions are the news: all of them */
		md_list(f, c, "converted", "converted to .mmap_prepare", 0);
		md_list(f, c, "reverted", "back to .mmap", 0);
		md_list(f, c, "added", "added", MD_LIST_MAX);
		md_list(f, c, "removed", "removed", MD_LIST_MAX);
		md_list(f, c, "moved", "moved to another file, hook unchanged",
			MD_LIST_MAX);
		fputs("```\n\n", f);
	}
}

/* Revisions read from a partial clone lack files: say so next to them. */
static void md_missing(FILE *f, json_t *doc)
{
	json_t *r;
	size_t i;

	json_array_foreach(track_revisions(doc), i, r)
		if (jint(r, "missing_files"))
			fprintf(f, "Note: %lld files of %s are missing from the "
				   "repository (partial clone); its counts may "
				   "be low.\n\n", jint(r, "missing_files"),
				jstr(r, "label"));
}

static void render_md(FILE *f, json_t *doc)
{
	struct table t = { 0 };
	size_t left;

	fprintf(f, "## .mmap_prepare adoption: %s\n\n", jstr(doc, "name"));
	fputs("file_operations tables whose mmap hook still takes a VMA "
	      "(.mmap, late KSM path)\nand those converted to .mmap_prepare "
	      "(early), as found by mmprep scan\n", f);
	fprintf(f, "(mmprep %s, arch %s).\n\n",
		jstr(json_object_get(doc, "tool"), "version"),
		jstr(doc, "arch"));
	totals_table(doc, &t);
	table_print(f, &t);
	md_missing(f, doc);
	fputs("### By subsystem\n\n", f);
	left = subsystems_table(doc, &t, true);
	table_print(f, &t);
	if (left)
		fprintf(f, "%zu more subsystems with the same counts in every "
			   "revision: adoption.csv, index.html.\n\n", left);
	fputs("### Layers still handing drivers a VMA\n\n", f);
	if (layers_table(doc, &t))
		table_print(f, &t);
	else
		fprintf(f, "%s\n\n", no_layers);
	if (json_array_size(json_object_get(doc, "changes")))
		fputs("### Changes\n\n", f);
	md_changes(f, doc);
}


static void table_html(FILE *f, struct table *t)
{
	fputs("<table>\n", f);
	for (size_t i = 0; i < t->cells.n; i++) {
		const char *tag = i < t->ncol ? "th" : "td";

		if (i % t->ncol == 0)
			fputs("<tr>", f);
		fprintf(f, "<%s>", tag);
		html_escape(f, t->cells.v[i]);
		fprintf(f, "</%s>", tag);
		if (i % t->ncol == t->ncol - 1)
			fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
	sv_free(&t->cells);
}

static void html_changes(FILE *f, json_t *c)
{
	static const char *const kinds[] = { "converted", "reverted", "added",
					     "removed", "moved", NULL };
	json_t *e;
	size_t i;

	html_printf(f, "<h3>%s &rarr; %s</h3>\n<table>\n<tr><th>change</th>"
		    "<th>entry</th><th>subsystem</th></tr>\n",
		    jstr(c, "from"), jstr(c, "to"));
	for (int k = 0; kinds[k]; k++) {
		json_array_foreach(json_object_get(c, kinds[k]), i, e) {
			fprintf(f, "<tr class=\"%s\"><td>%s</td><td>", kinds[k],
				kinds[k]);
			html_escape(f, jstr(e, "id"));
			if (json_object_get(e, "was")) {
				fputs(" <small>(was ", f);
				html_escape(f, jstr(e, "was"));
				fputs(")</small>", f);
			}
			fputs("</td><td>", f);
			html_escape(f, jstr(e, "subsystem"));
			fputs("</td></tr>\n", f);
		}
	}
	fputs("</table>\n", f);
}

/* The chart inline, so that the page is one file to mail or publish. */
static void html_chart(FILE *f, const char *svg)
{
	const char *start = svg ? strstr(svg, "<svg") : NULL;

	if (start)
		fputs(start, f);
	else
		fputs("<p>(no chart: gnuplot did not run)</p>\n", f);
}

/* @page: { "doc": the adoption.json document, "svg": the chart's text } */
static void render_html(FILE *f, json_t *page)
{
	json_t *doc = json_object_get(page, "doc"), *c;
	struct table t = { 0 };
	size_t i;

	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	      "\n<title>.mmap_prepare adoption: ", f);
	html_escape(f, jstr(doc, "name"));
	fputs("</title>\n<style>\nbody{font-family:sans-serif;max-width:1150px;"
	      "margin:1em auto;padding:0 1em}\ntable{border-collapse:collapse;"
	      "margin:.5em 0 1.5em}\nth,td{border:1px solid #ccc;padding:.2em "
	      ".6em;text-align:right}\nth:first-child,td:first-child,"
	      "td:nth-child(2){text-align:left}\ntr.converted td:first-child"
	      "{color:" EARLY_COLOR "}\ntr.reverted td:first-child{color:"
	      LATE_COLOR "}\nsvg{max-width:100%;height:auto}\n</style></head>"
	      "<body>\n<h1>.mmap_prepare adoption: ", f);
	html_escape(f, jstr(doc, "name"));
	fputs("</h1>\n<p>file_operations tables whose mmap hook takes a VMA "
	      "(<code>.mmap</code>, late KSM path) and those converted to "
	      "<code>.mmap_prepare</code> (early), per revision, as found by "
	      "<code>mmprep scan</code>.  Data: <a href=\"adoption.csv\">CSV"
	      "</a>, <a href=\"adoption.json\">JSON</a>, <a href=\"adoption.md"
	      "\">Markdown</a>, <a href=\"adoption.svg\">SVG</a>.</p>\n", f);
	html_chart(f, json_string_value(json_object_get(page, "svg")));
	fputs("<h2>Per revision</h2>\n", f);
	totals_table(doc, &t);
	table_html(f, &t);
	fputs("<h2>By subsystem (late/early)</h2>\n", f);
	subsystems_table(doc, &t, false);
	table_html(f, &t);
	fputs("<h2>Layers still handing drivers a VMA</h2>\n", f);
	if (layers_table(doc, &t))
		table_html(f, &t);
	else
		fprintf(f, "<p>%s</p>\n", no_layers);
	fputs("<h2>Changes</h2>\n", f);
	json_array_foreach(json_object_get(doc, "changes"), i, c)
		html_changes(f, c);
	fputs("</body></html>\n", f);
}

void track_write_tables(const char *dir, json_t *doc)
{
	report_json(doc, dir, "adoption.json");
	report_render(doc, dir, "adoption.csv", render_csv);
	report_render(doc, dir, "adoption.md", render_md);
}

void track_write_page(const char *dir, json_t *doc, const char *svg)
{
	json_t *page = json_pack("{s:O, s:s?}", "doc", doc, "svg", svg);

	if (!page)
		die(EXIT_INTERNAL, "out of memory");
	report_render(page, dir, "index.html", render_html);
	json_decref(page);
}
