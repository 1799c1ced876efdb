// SPDX-License-Identifier: GPL-2.0
/*
 * adoption.svg: late vs early per revision, and per subsystem, as a
 * gnuplot script (kept as adoption.gp) run into an SVG.  Read without the
 * other files, so every number it draws is written on it or its axes.
 */
#define _GNU_SOURCE
#include "track/track.h"
#include "reports/reports.h"
#include "common/proc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The chart's groups: under drivers/ each second-level subsystem
 * (drivers/gpu, drivers/char), elsewhere the top-level directory, so
 * that the forty filesystems converted one table each show as "fs"
 * rather than as forty bars of one.  Those with the most file_operations
 * entries over all revisions are drawn, fewer when there are many
 * revisions so that bars stay readable; the rest are summed as one more
 * group.
 */
struct chart_sub {
	char *name;
	const char *field;	/* "subsystems" or "top_level" */
	long long score;
};

static int cmp_score(const void *a, const void *b)
{
	const struct chart_sub *x = a, *y = b;

	if (x->score != y->score)
		return (y->score > x->score) - (y->score < x->score);
	return strcmp(x->name, y->name);
}

static long long group_count(json_t *r, const struct chart_sub *g,
			     const char *kind)
{
	return track_sub_count(r, g->field, g->name, kind);
}

static size_t chart_subsystems(json_t *doc, struct chart_sub **out,
			       size_t *ngroups)
{
	size_t nrev = json_array_size(track_revisions(doc)), max, n = 0;
	struct strvec subs = { 0 };
	struct chart_sub *cs;
	json_t *r;
	size_t i;

	track_ranked_subsystems(doc, &subs);
	cs = xcalloc(subs.n + 1, sizeof(*cs));
	for (size_t s = 0; s < subs.n; s++) {
		bool drivers = !strncmp(subs.v[s], "drivers", 7) &&
			       (!subs.v[s][7] || subs.v[s][7] == '/');
		size_t len = drivers ? strlen(subs.v[s]) :
				       strcspn(subs.v[s], "/");
		size_t g;

		for (g = 0; g < n; g++)
			if (strlen(cs[g].name) == len &&
			    !strncmp(cs[g].name, subs.v[s], len))
				break;
		if (g < n)
			continue;
		cs[n].name = xstrndup(subs.v[s], len);
		cs[n].field = drivers ? "subsystems" : "top_level";
		json_array_foreach(track_revisions(doc), i, r)
			cs[n].score += group_count(r, &cs[n], "late") +
				       group_count(r, &cs[n], "early");
		n++;
	}
	sv_free(&subs);
	qsort(cs, n, sizeof(*cs), cmp_score);
	max = 48 / (nrev ? nrev : 1);
	max = max < 3 ? 3 : max > 8 ? 8 : max;
	*out = cs;
	*ngroups = n;
	return n < max ? n : max;
}

/*
 * A revision's name on the chart, where space is short: unpacked trees
 * are named after their directory, "linux-source-6.12" -> "6.12".
 */
static const char *chart_label(json_t *r)
{
	const char *l = jstr(r, "label");

	if (!strncmp(l, "linux-source-", 13) && l[13])
		return l + 13;
	if (!strncmp(l, "linux-", 6) && l[6])
		return l + 6;
	return l;
}

/*
 * Text from the tracked trees (directory names, tags, --name) on its way
 * into the gnuplot script.  gnuplot runs `backquoted` commands inside
 * double-quoted strings and expands @macros outside strings, but takes
 * single-quoted strings as they are, '' being a quote.  A line break
 * would end the command (or a data block), so control characters go.
 */
static void gp_text(FILE *f, const char *s, char quote)
{
	fputc(quote, f);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c < 0x20 || c == 0x7f)
			c = '?';
		else if (c == (unsigned char)quote && quote == '\'')
			fputc('\'', f);
		else if (c == (unsigned char)quote)
			c = '\'';
		fputc(c, f);
	}
	fputc(quote, f);
}

/* A string in a command: single quotes, never expanded. */
static void gp_str(FILE *f, const char *s)
{
	gp_text(f, s, '\'');
}

/*
 * A string column of a data block, whose lines gnuplot reads as data
 * (never expanded), quoted with double quotes, which it cannot escape.
 */
static void gp_field(FILE *f, const char *s)
{
	gp_text(f, s, '"');
}

static long long chart_totals(FILE *f, json_t *doc)
{
	long long top = 1;
	json_t *r;
	size_t i;

	fputs("$totals << EOD\n", f);
	json_array_foreach(track_revisions(doc), i, r) {
		long long late = jint(track_fops(r), "late");
		long long early = jint(track_fops(r), "early");

		gp_field(f, chart_label(r));
		fprintf(f, " %lld %lld\n", late, early);
		top = late > top ? late : early > top ? early : top;
	}
	fputs("EOD\n", f);
	return top;
}

/* One data block per shown subsystem, and one for the rest. */
static long long chart_groups(FILE *f, json_t *doc, struct chart_sub *cs,
			      size_t shown, size_t nsubs)
{
	long long top = 1;
	json_t *r;
	size_t i;

	fputs("$subsystems << EOD\n", f);
	for (size_t g = 0; g < shown + (nsubs > shown); g++) {
		json_array_foreach(track_revisions(doc), i, r) {
			long long late = 0, early = 0;

			for (size_t s = g; s < (g < shown ? g + 1 : nsubs); s++) {
				late += group_count(r, &cs[s], "late");
				early += group_count(r, &cs[s], "early");
			}
			gp_field(f, chart_label(r));
			fprintf(f, " %lld %lld\n", late, early);
			top = late + early > top ? late + early : top;
		}
		fputs("\n\n", f);
	}
	fputs("EOD\n", f);
	return top;
}

/* Whole-number tics, at most about eight of them. */
static long long tic_step(long long top)
{
	static const int nice[] = { 1, 2, 5 };
	long long scale = 1;

	for (;;) {
		for (int i = 0; i < 3; i++)
			if (top / (nice[i] * scale) <= 8)
				return nice[i] * scale;
		scale *= 10;
	}
}

static void chart_panel_totals(FILE *f, json_t *doc, long long top)
{
	fputs("set size 1,0.45\nset origin 0,0.50\n"
	      "set title \"All subsystems: file_operations tables per revision\"\n"
	      "set style histogram clustered gap 1\n"
	      "set xtics nomirror scale 0 norotate font \",11\"\n"
	      "set key top left horizontal\n", f);
	fprintf(f, "set yrange [0:%lld]\nset ytics %lld\n", top + top / 4 + 1,
		tic_step(top));
	fprintf(f, "plot $totals using 2:xtic(sprintf(\"%%s\\n%%d late, %%d "
		   "early (%%d%%%% early)\", strcol(1), int($2), int($3), "
		   "int($3) + int($2) ? int(100.0 * $3 / ($2 + $3) + 0.5) : 0)) "
		   "title \".mmap: late "
		   "KSM path\" lc rgb \"%s\", \\\n"
		   "  '' using 3 title \".mmap_prepare: early KSM path\" lc rgb "
		   "\"%s\", \\\n"
		   "  '' using ($0-1.0/6):2:(sprintf(\"%%d\", int($2))) with "
		   "labels offset 0,0.6 notitle, \\\n"
		   "  '' using ($0+1.0/6):3:(sprintf(\"%%d\", int($3))) with "
		   "labels offset 0,0.6 notitle\n", LATE_COLOR, EARLY_COLOR);
	(void)doc;
}

static void chart_panel_groups(FILE *f, struct chart_sub *cs, size_t shown,
			       size_t nsubs, long long top)
{
	fputs("set size 1,0.50\nset origin 0,0\n"
	      "set title \"By subsystem (drivers/ by its second level): one "
	      "bar per revision, .mmap (late) stacked under .mmap_prepare "
	      "(early)\"\n"
	      "set style histogram rowstacked title offset 0,-1 font \",11\"\n"
	      "set xtics rotate by -35 font \",9\"\nset bmargin 7\n"
	      "set boxwidth 0.75\nset key top right vertical\n", f);
	fprintf(f, "set yrange [0:%lld]\nset ytics %lld\nplot ",
		top + top / 5 + 1, tic_step(top));
	for (size_t g = 0; g < shown + (nsubs > shown); g++) {
		char *name = g < shown ? xstrdup(cs[g].name) :
			     xasprintf("%zu more", nsubs - shown);

		fputs(g ? ", \\\n  newhistogram " : "newhistogram ", f);
		gp_str(f, name);
		fprintf(f, ", $subsystems index %zu using 2:xtic(1) %s lc rgb "
			   "\"%s\", '' index %zu using 3 %s lc rgb \"%s\"", g,
			g ? "notitle" : "title \".mmap (late)\"", LATE_COLOR, g,
			g ? "notitle" : "title \".mmap_prepare (early)\"",
			EARLY_COLOR);
		free(name);
	}
	fputc('\n', f);
}

/* The gnuplot script: its data blocks, then the two panels. */
static void render_gp(FILE *f, json_t *doc)
{
	struct chart_sub *cs;
	size_t ngroups, shown = chart_subsystems(doc, &cs, &ngroups);
	long long top1, top2;

	fputs("# gnuplot script written by mmprep track: "
	      "gnuplot adoption.gp > adoption.svg\n", f);
	top1 = chart_totals(f, doc);
	top2 = chart_groups(f, doc, cs, shown, ngroups);
	fputs("set terminal svg size 1100,900 dynamic noenhanced "
	      "font \"sans,12\" background rgb \"white\"\n"
	      "set output \"adoption.svg\"\nset multiplot title ", f);
	gp_str(f, jstr(doc, "name"));
	fputs(" . \": .mmap_prepare adoption (mmprep track)\" font \",15\"\n"
	      "set style data histograms\n"
	      "set style fill solid 0.9 border rgb \"#444444\"\n"
	      "set grid ytics lc rgb \"#dddddd\"\nset border 3\n"
	      "set ytics nomirror\nset ylabel \"file_operations tables\"\n", f);
	chart_panel_totals(f, doc, top1);
	chart_panel_groups(f, cs, shown, ngroups, top2);
	fputs("unset multiplot\n", f);
	for (size_t g = 0; g < ngroups; g++)
		free(cs[g].name);
	free(cs);
}

int track_write_svg(const char *dir, json_t *doc)
{
	char *argv[] = { "gnuplot", "adoption.gp", NULL };
	struct proc p = { .argv = argv, .cwd = dir };

	report_render(doc, dir, "adoption.gp", render_gp);
	if (proc_run(&p)) {
		warnx_("gnuplot failed on %s/adoption.gp (is gnuplot-nox "
		       "installed? make deps)", dir);
		return -1;
	}
	return 0;
}
