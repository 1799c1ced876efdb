// SPDX-License-Identifier: GPL-2.0
/*
 * index.html: one self-contained page for people.  It must open from a
 * mail attachment or a file:// URL on a machine without network, so the
 * libraries are copied into it when it is written, from Debian's
 * packages:
 *
 *   libjs-jquery, libjs-jquery-datatables   sorting, filtering, paging
 *   libjs-chart.js                          the per-subsystem chart
 *
 * All content is rendered here as plain HTML tables; the libraries only
 * enhance them.  Without the packages (or with JavaScript off) the page
 * still shows every number and every entry point, with a note saying
 * what is missing.  MMPREP_JS_DIR replaces /usr/share/javascript.
 */
#include "reports/reports.h"
#include "analysis/analysis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CHART_SUBSYSTEMS 25
#define STR_(x) #x
#define STR(x) STR_(x)

static void base64(FILE *f, const unsigned char *p, size_t n)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	for (size_t i = 0; i < n; i += 3) {
		unsigned int v = p[i] << 16 | (i + 1 < n ? p[i + 1] << 8 : 0) |
			     (i + 2 < n ? p[i + 2] : 0);

		fputc(tab[v >> 18 & 63], f);
		fputc(tab[v >> 12 & 63], f);
		fputc(i + 1 < n ? tab[v >> 6 & 63] : '=', f);
		fputc(i + 2 < n ? tab[v & 63] : '=', f);
	}
}

static char *js_path(const char *rel)
{
	const char *dir = getenv("MMPREP_JS_DIR");

	return path_join(dir && *dir ? dir : "/usr/share/javascript", rel);
}

/*
 * Copy a library into a <script> or <style> element.  Its own text must
 * not close the element early, and a sourceMappingURL would make
 * developer tools look for a file that is not there.  DataTables' CSS
 * names its sort arrows as ../images/NAME.png: those become data: URIs.
 */
static bool inline_lib(FILE *f, const char *rel, bool css)
{
	char *path = js_path(rel), *text = read_file(path, NULL), *p;

	free(path);
	if (!text)
		return false;
	fputs(css ? "<style>\n" : "<script>\n", f);
	for (p = text; *p; p++) {
		if (!strncmp(p, "//# sourceMappingURL=", 21)) {
			p += strcspn(p, "\n");
			if (!*p)
				break;
		} else if (!strncasecmp(p, css ? "</style" : "</script",
					css ? 7 : 8)) {
			/* only inside a string or a comment: "<\/" is the same */
			fputs("<\\/", f);
			p++;
			continue;
		} else if (css && !strncmp(p, "url(\"../images/", 15)) {
			char *end = strchr(p + 15, '"');
			char *img = end ? xasprintf("jquery-datatables/images/%.*s",
						    (int)(end - p - 15), p + 15) : NULL;
			char *ipath = img ? js_path(img) : NULL;
			size_t n;
			char *png = ipath ? read_file(ipath, &n) : NULL;

			free(img);
			free(ipath);
			if (png) {
				fputs("url(\"data:image/png;base64,", f);
				base64(f, (unsigned char *)png, n);
				fputc('"', f);
				free(png);
				p = end;
				continue;
			}
		}
		fputc(*p, f);
	}
	fputs(css ? "\n</style>\n" : "\n</script>\n", f);
	free(text);
	return true;
}

/* JSON inside <script>: no <, > or & that the HTML parser could see. */
static void inline_json(FILE *f, json_t *data)
{
	char *s = json_dumps(data, JSON_COMPACT);

	if (!s)
		die(EXIT_INTERNAL, "index.html: cannot serialise the page data");
	for (char *p = s; *p; p++) {
		if (*p == '<')
			fputs("\\u003c", f);
		else if (*p == '>')
			fputs("\\u003e", f);
		else if (*p == '&')
			fputs("\\u0026", f);
		else
			fputc(*p, f);
	}
	free(s);
}

/* A path that may wrap after a slash, never inside a name. */
static void esc_path(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		char c[2] = { *s, 0 };

		html_escape(f, c);
		if (*s == '/')
			fputs("<wbr>", f);
	}
}

static void where(FILE *f, const char *file, long long line)
{
	fputs("<code>", f);
	esc_path(f, file);
	if (line > 0)
		fprintf(f, ":%lld", line);
	fputs("</code>", f);
}

static void card(FILE *f, const char *id, long long n, const char *label,
		 const char *cls)
{
	html_printf(f, "<div class=\"card %s\"><span class=\"num\" id=\"%s\">"
		    "%lld</span><span class=\"label\">%s</span></div>\n", cls,
		    id, n, label);
}

struct totals {
	long long entries, late, early, special, unresolved, lost;
};

static void count_totals(json_t *scan, struct totals *t)
{
	json_t *e;
	size_t i;

	memset(t, 0, sizeof(*t));
	json_array_foreach(json_object_get(scan, "entries"), i, e) {
		t->entries++;
		t->late += !strcmp(jstr(e, "ksm_path"), "late");
		t->early += !strcmp(jstr(e, "ksm_path"), "early");
		t->special += jtrue(e, "special");
		t->unresolved += json_array_size(json_object_get(e, "unresolved")) > 0;
		t->lost += ksm_loses(e);
	}
}

static void header(FILE *f, json_t *scan, const struct totals *t)
{
	json_t *tree = json_object_get(scan, "tree");
	json_t *files = json_object_get(scan, "files");

	html_printf(f, "<header><h1>mmprep: %s</h1><p class=\"meta\">Linux %s"
		    " &middot; %s &middot; config: %s", jstr(tree, "name"),
		    jstr(tree, "version"), jstr(tree, "arch"),
		    jstr(tree, "config"));
	if (*jstr(tree, "compile_db"))
		html_printf(f, " &middot; compile_commands.json: %s",
			    jstr(tree, "compile_db"));
	html_printf(f, " &middot; mmprep %s &middot; <code>%s</code></p>"
		    "</header>\n<section class=\"cards\">\n",
		    jstr(json_object_get(scan, "tool"), "version"),
		    jstr(tree, "path"));
	card(f, "n-entries", t->entries, "entry points", "");
	card(f, "n-late", t->late, "late (.mmap)", "late");
	card(f, "n-early", t->early, "early (.mmap_prepare)", "early");
	card(f, "n-lost", t->lost, "lose KSM (private mappings)", "late");
	card(f, "n-special", t->special, "set VM_SPECIAL", "special");
	card(f, "n-unresolved", t->unresolved, "unresolved dispatch", "");
	card(f, "n-parsed", jint(files, "parsed"), "files parsed", "");
	card(f, "n-degraded", json_array_size(json_object_get(files, "degraded")),
	     "degraded", "");
	card(f, "n-failed", json_array_size(json_object_get(files, "failed")),
	     "failed", json_array_size(json_object_get(files, "failed")) ?
	     "late" : "");
	fputs("</section>\n", f);
}

static void subsystem_section(FILE *f, json_t *subs, bool chart)
{
	json_t *s;
	size_t i;

	fputs("<section><h2>Entry points per subsystem</h2>\n", f);
	if (chart)
		fprintf(f, "<p class=\"hint\">%s by late entries; the table "
			   "below the chart lists every one.</p>"
			   "<div class=\"chartbox\" style=\"height:%zupx\">"
			   "<canvas id=\"subsystem-chart\"></canvas></div>\n",
			json_array_size(subs) > CHART_SUBSYSTEMS ?
			"The first " STR(CHART_SUBSYSTEMS) " subsystems" :
			"Subsystems",
			60 + 26 * (json_array_size(subs) < CHART_SUBSYSTEMS ?
				   json_array_size(subs) : CHART_SUBSYSTEMS));
	fprintf(f, "<details%s><summary>Table (%zu subsystems)</summary>\n"
		   "<table id=\"subsystems\" class=\"plain\"><thead><tr>"
		   "<th>subsystem</th><th>entries</th><th>late</th><th>early</th>"
		   "<th>VM_SPECIAL</th><th>lose KSM</th></tr></thead><tbody>\n",
		chart ? "" : " open", json_array_size(subs));
	json_array_foreach(subs, i, s) {
		fputs("<tr><td>", f);
		html_escape(f, jstr(s, "subsystem"));
		fprintf(f, "</td><td>%lld</td><td>%lld</td><td>%lld</td>"
			   "<td>%lld</td><td>%lld</td></tr>\n", jint(s, "entries"),
			jint(s, "late"), jint(s, "early"), jint(s, "special"),
			jint(s, "lost"));
	}
	fputs("</tbody></table></details></section>\n", f);
}

static void ranking_section(FILE *f, json_t *scan)
{
	json_t *rank = report_ranking(scan), *t, *v;
	size_t i, j;

	fputs("<section><h2>Conversion targets by leverage</h2>\n<p class=\"hint\">"
	      "A <b>layer</b> is entered through one function (drm_gem_mmap) and "
	      "dispatches to an ops field (drm_gem_object_funcs.mmap): converting "
	      "its implementations moves every file_operations entry that "
	      "reaches it.  A <b>helper</b> is a late callback shared by several "
	      "files (generic_file_mmap): converting it once moves them all.</p>\n"
	      "<table id=\"ranking\" class=\"plain\"><thead><tr><th>#</th>"
	      "<th>layer / helper</th><th>ops field</th><th>KSM regained</th>"
	      "<th>entries moved</th><th>implementations</th><th>late entries</th>"
	      "<th>blocked by</th></tr></thead><tbody>\n", f);
	json_array_foreach(rank, i, t) {
		fprintf(f, "<tr><td>%zu</td><td><code>", i + 1);
		html_escape(f, jstr(t, "layer"));
		fprintf(f, "</code> <span class=\"sub\">%s</span>",
			!strcmp(jstr(t, "kind"), "helper") ? "helper" : "layer");
		if (json_array_size(json_object_get(t, "files"))) {
			fputs("<details><summary>users</summary><ul>", f);
			json_array_foreach(json_object_get(t, "files"), j, v) {
				fputs("<li>", f);
				where(f, json_string_value(v), 0);
				fputs("</li>", f);
			}
			fputs("</ul></details>", f);
		}
		fputs("</td><td><code>", f);
		html_escape(f, jstr(t, "ops_field"));
		fprintf(f, "</code></td><td class=\"n\">%lld</td><td class=\"n\">"
			   "%lld</td><td class=\"n\">%lld</td><td class=\"n\">"
			   "%lld</td><td>", jint(t, "wins"), jint(t, "moves"),
			jint(t, "implementations"), jint(t, "late"));
		json_array_foreach(json_object_get(t, "blockers"), j, v) {
			fprintf(f, "<span class=\"blk\" title=\"in %lld function%s\">",
				jint(v, "functions"),
				jint(v, "functions") == 1 ? "" : "s");
			html_escape(f, jstr(v, "what"));
			fprintf(f, " &times;%lld</span> ", jint(v, "functions"));
		}
		if (!json_array_size(json_object_get(t, "blockers")))
			fputs("<span class=\"ok\">nothing found</span>", f);
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
	if (!json_array_size(rank))
		fputs("<p>No layer, and no late callback shared by two files."
		      "</p>\n", f);
	fputs("</section>\n", f);
	json_decref(rank);
}

static void flag_badges(FILE *f, json_t *e)
{
	json_t *v, *cond = json_object_get(e, "conditional");
	size_t i;

	json_array_foreach(json_object_get(e, "flags"), i, v) {
		const char *fl = json_string_value(v);

		if (!fl)
			continue;
		html_printf(f, "<span class=\"flag%r\">%s</span> ",
			    vm_special(fl) ? " sp" : "", fl);
	}
	/* a list of the flags set on some paths only, or just whether any is */
	json_array_foreach(cond, i, v) {
		html_printf(f, "<span class=\"flag cond\" title=\"set on some "
			    "paths only\">%s?</span> ", json_string_value(v));
	}
	if (json_is_true(cond))
		fputs("<span class=\"flag cond\" title=\"not every flag is set on "
		      "every success path\">some paths</span> ", f);
	json_array_foreach(json_object_get(e, "clears"), i, v) {
		html_printf(f, "<span class=\"flag clr\" title=\"cleared\">"
			    "&minus;%s</span> ", json_string_value(v));
	}
	v = json_object_get(e, "rejects_private");
	if (json_is_true(v) || json_is_string(v))
		fprintf(f, "<span class=\"flag priv\" title=\"fails on "
			   "MAP_PRIVATE%s\">shared only%s</span>",
			json_is_string(v) ? " on some paths" : "",
			json_is_string(v) ? " (partly)" : "");
}

/* Where the driver stored the table that a dispatch reaches. */
static void store_note(FILE *f, json_t *st)
{
	if (!st)
		return;
	html_printf(f, " <span class=\"sub\">(<code>%s = &amp;%s</code> at ",
		    jstr(st, "holder"), jstr(st, "table"));
	where(f, jstr(st, "file"), jint(st, "line"));
	fputs(")</span>", f);
}

/* Evidence (one chain of calls per flag), dispatches not followed, patch */
static void details(FILE *f, json_t *e)
{
	json_t *ev, *hop, *v;
	size_t i, j;
	size_t n = json_array_size(json_object_get(e, "evidence"));

	if (n) {
		fprintf(f, "<details><summary>evidence (%zu)</summary><ol class=\"ev\">", n);
		json_array_foreach(json_object_get(e, "evidence"), i, ev) {
			html_printf(f, "<li><b>%s</b>: ", jstr(ev, "flag"));
			/* each hop at the line that leads on ("at") */
			json_array_foreach(json_object_get(ev, "chain"), j, hop) {
				html_printf(f, "%r%s ", j ? " &rarr; " : "",
					    jstr(hop, "function"));
				where(f, jstr(hop, "file"), jint(hop, "at") ?
				      jint(hop, "at") : jint(hop, "line"));
				if (*jstr(hop, "via"))
					html_printf(f, " &rarr; <code>%s</code>",
						    jstr(hop, "via"));
				store_note(f, json_object_get(hop, "store"));
			}
			fputs("</li>", f);
		}
		fputs("</ol></details>", f);
	}
	json_array_foreach(json_object_get(e, "unresolved"), i, v)
		html_printf(f, "<div class=\"unres\">calls through <code>%s"
			    "</code></div>", json_string_value(v));
	if (*jstr(e, "cocci"))
		html_printf(f, "<div>patch: <code class=\"cocci\">%s</code>"
			    "</div>", jstr(e, "cocci"));
}

static void entry_row(FILE *f, json_t *e)
{
	const char *ksm = jstr(e, "ksm_path"), *impact = jstr(e, "ksm_impact");

	html_printf(f, "<tr data-ksm=\"%s\" data-impact=\"%s\" "
		    "data-special=\"%d\" data-unresolved=\"%d\">"
		    "<td data-order=\"%s:%08lld\">", *ksm ? ksm : "none",
		    impact, jtrue(e, "special"),
		    json_array_size(json_object_get(e, "unresolved")) > 0,
		    jstr(e, "file"), jint(e, "line"));
	where(f, jstr(e, "file"), jint(e, "line"));
	html_printf(f, "</td><td>%s</td><td><code>%s.%s</code><div "
		    "class=\"sub\">%s", jstr(e, "subsystem"), jstr(e, "ops_name"),
		    jstr(e, "field"), jstr(e, "ops_type"));
	if (*jstr(e, "macro"))
		html_printf(f, " via %s", jstr(e, "macro"));
	/* sort on the name alone, not the definition's path below it */
	html_printf(f, "</div></td><td data-order=\"%s\"><code>%s</code><div "
		    "class=\"sub\">", jstr(e, "callback"), jstr(e, "callback"));
	if (*jstr(e, "callback_file"))
		where(f, jstr(e, "callback_file"), jint(e, "callback_line"));
	else
		fputs("definition not found", f);
	if (*jstr(e, "note"))
		html_printf(f, " &middot; %s", jstr(e, "note"));
	/* ksm_path is text like any other: a scan.json may come from anywhere */
	html_printf(f, "</div></td><td><span class=\"ksm %s\">%s%r</span>",
		    *ksm ? ksm : "none", ksm, *ksm ? "" : "&ndash;");
	if (ksm_impact_text(impact))
		html_printf(f, "<div class=\"sub impact\" title=\"%s\">%s</div>",
			    ksm_impact_text(impact), impact);
	fputs("</td><td>", f);
	flag_badges(f, e);
	html_printf(f, "</td><td>%s</td><td>", jstr(e, "category"));
	details(f, e);
	fputs("</td></tr>\n", f);
}

static void entries_section(FILE *f, json_t *scan)
{
	json_t *e;
	size_t i;

	fputs("<section><h2>Entry points</h2>\n"
	      "<div id=\"filters\" class=\"filters\" hidden>"
	      "<label>KSM path <select id=\"f-ksm\"><option value=\"\">any</option>"
	      "<option>late</option><option>early</option>"
	      "<option value=\"none\">not file_operations</option></select></label>"
	      "<label>KSM impact <select id=\"f-impact\"><option value=\"\">any"
	      "</option><option>lost</option><option>conditional</option>"
	      "<option>unknown</option><option>none-special</option>"
	      "<option>none-shared-only</option></select></label>"
	      "<label>subsystem <select id=\"f-sub\"><option value=\"\">any</option>"
	      "</select></label>"
	      "<label><input type=\"checkbox\" id=\"f-special\"> sets VM_SPECIAL</label>"
	      "<label><input type=\"checkbox\" id=\"f-unresolved\"> unresolved "
	      "dispatch</label></div>\n"
	      "<table id=\"entries\" class=\"plain\"><thead><tr><th>location</th>"
	      "<th>subsystem</th><th>table.field</th>"
	      "<th>callback</th><th>KSM</th><th>flags</th><th>category</th>"
	      "<th>evidence &amp; patch</th></tr></thead><tbody>\n", f);
	json_array_foreach(json_object_get(scan, "entries"), i, e)
		entry_row(f, e);
	fputs("</tbody></table></section>\n", f);
}

/* A full tree can have hundreds of degraded files: fold long lists. */
#define FOLD_OVER 10

static void fold_open(FILE *f, json_t *list)
{
	if (json_array_size(list) > FOLD_OVER)
		fprintf(f, "<details><summary>%zu files</summary>",
			json_array_size(list));
}

static void fold_close(FILE *f, json_t *list)
{
	if (json_array_size(list) > FOLD_OVER)
		fputs("</details>\n", f);
}

static void failed_item(FILE *f, json_t *v)
{
	html_printf(f, ": %s", jstr(v, "reason"));
}

static void degraded_item(FILE *f, json_t *v)
{
	json_t *d;
	size_t j;

	fprintf(f, ": %lld errors<ul>", jint(v, "errors"));
	json_array_foreach(json_object_get(v, "diagnostics"), j, d) {
		if (j == 3)
			break;
		html_printf(f, "<li><code>%s</code></li>", json_string_value(d));
	}
	fputs("</ul>", f);
}

/* The files of @list, each with what @item says of it; folded if long. */
static void file_list(FILE *f, const char *title, const char *id,
		      json_t *list, void (*item)(FILE *f, json_t *v))
{
	json_t *v;
	size_t i;

	if (!json_array_size(list))
		return;
	html_printf(f, "<h3>%s</h3>", title);
	fold_open(f, list);
	html_printf(f, "<ul id=\"%s\">", id);
	json_array_foreach(list, i, v) {
		fputs("<li>", f);
		where(f, jstr(v, "file"), 0);
		item(f, v);
		fputs("</li>", f);
	}
	fputs("</ul>\n", f);
	fold_close(f, list);
}

static void files_section(FILE *f, json_t *scan)
{
	json_t *files = json_object_get(scan, "files"), *v;
	const char *k;

	fputs("<section><h2>Files</h2><p>", f);
	fprintf(f, "%lld candidates, %lld parsed.</p>\n",
		jint(files, "candidates"), jint(files, "parsed"));
	file_list(f, "Not parsed", "failed", json_object_get(files, "failed"),
		  failed_item);
	file_list(f, "Parsed with errors (results may be incomplete)",
		  "degraded", json_object_get(files, "degraded"), degraded_item);
	if (json_object_size(json_object_get(scan, "excluded"))) {
		fputs("<h3>Lifecycle hooks not counted as entry points</h3><ul>", f);
		json_object_foreach(json_object_get(scan, "excluded"), k, v) {
			fputs("<li><code>", f);
			html_escape(f, k);
			fprintf(f, "</code>: %lld</li>", (long long)json_integer_value(v));
		}
		fputs("</ul>\n", f);
	}
	fputs("</section>\n", f);
}

static const char page_css[] =
	":root{--late:#c0392b;--early:#2e7d32;--special:#b7791f;--ink:#1f2328;"
	"--mute:#59636e;--line:#d0d7de;--bg:#f6f8fa}"
	"body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;"
	"color:var(--ink);margin:0;padding:0 24px 40px;max-width:1500px}"
	"header{border-bottom:1px solid var(--line);padding:14px 0 8px}"
	"h1{font-size:22px;margin:0}h2{font-size:17px;margin:28px 0 8px}"
	"h3{font-size:14px}.meta,.hint,.sub{color:var(--mute)}.meta{margin:4px 0}"
	".sub{font-size:12px}code{font:12.5px ui-monospace,'DejaVu Sans Mono',monospace}"
	".cards{display:flex;flex-wrap:wrap;gap:10px;margin-top:14px}"
	".card{border:1px solid var(--line);border-radius:6px;padding:8px 14px;"
	"min-width:110px;background:var(--bg)}.card .num{display:block;font-size:24px;"
	"font-weight:600}.card .label{color:var(--mute);font-size:12px}"
	".card.late .num{color:var(--late)}.card.early .num{color:var(--early)}"
	".card.special .num{color:var(--special)}"
	".chartbox{position:relative;max-width:1000px}"
	"table.plain{border-collapse:collapse;width:100%}"
	"table.plain th,table.plain td{border-bottom:1px solid var(--line);"
	"padding:4px 8px;text-align:left;vertical-align:top}"
	"table.plain th{background:var(--bg)}td.n{text-align:right}"
	".ksm{padding:1px 6px;border-radius:10px;font-size:12px;font-weight:600}"
	".ksm.late{background:#fde2e1;color:var(--late)}"
	".ksm.early{background:#dcf3dd;color:var(--early)}"
	".flag{display:inline-block;font:11.5px ui-monospace,monospace;"
	"border:1px solid var(--line);border-radius:4px;padding:0 4px;margin:1px}"
	".flag.sp{background:#fff3cd;border-color:#e3b341;color:#7a4d00}"
	".flag.cond{border-style:dashed}.flag.clr{color:var(--mute)}"
	".flag.priv{background:#eef;border-color:#99c}"
	".blk{display:inline-block;background:#f1f1f1;border-radius:4px;"
	"padding:0 5px;margin:1px;font-size:12px}.ok{color:var(--early)}"
	".unres{font-size:12px;color:#8250df}ol.ev{margin:4px 0;padding-left:18px}"
	"details summary{cursor:pointer;color:#0969da;font-size:12px}"
	".note{background:#fff8c5;border:1px solid #d4a72c;padding:6px 10px;"
	"border-radius:6px}"
	".filters{display:flex;gap:16px;flex-wrap:wrap;margin:6px 0 10px}"
	"footer{margin-top:30px;color:var(--mute);font-size:12px}"
	"table.dataTable tbody td{padding:4px 8px}"
	"#entries{font-size:13px}#entries code{overflow-wrap:break-word}"
	"#entries td:nth-child(6){min-width:130px}";

/*
 * The page's own script: enhance the tables and draw the chart when the
 * libraries are there, and say so when they are not.
 */
static const char page_js[] =
	"(function(){\n"
	"'use strict';\n"
	"var data=JSON.parse(document.getElementById('mmprep-data').textContent);\n"
	"var missing=[];\n"
	"function note(t){var p=document.getElementById('libnote');"
	"p.hidden=false;p.textContent=t;}\n"
	"if(window.jQuery&&jQuery.fn.dataTable){\n"
	" var $=jQuery;\n"
	" var sub=document.getElementById('f-sub');\n"
	" data.subsystems.map(function(s){return s.subsystem;}).sort()"
	".forEach(function(s){var o=document.createElement('option');"
	"o.textContent=s;sub.appendChild(o);});\n"
	" document.getElementById('filters').hidden=false;\n"
	" $.fn.dataTable.ext.search.push(function(settings,row,i){\n"
	"  if(settings.nTable.id!=='entries')return true;\n"
	"  var tr=settings.aoData[i].nTr,k=$('#f-ksm').val(),s=$('#f-sub').val();\n"
	"  if(k&&tr.dataset.ksm!==k)return false;\n"
	"  var m=$('#f-impact').val();if(m&&tr.dataset.impact!==m)return false;\n"
	"  if(s&&row[1]!==s)return false;\n"
	"  if($('#f-special').prop('checked')&&tr.dataset.special!=='1')return false;\n"
	"  if($('#f-unresolved').prop('checked')&&tr.dataset.unresolved!=='1')return false;\n"
	"  return true;});\n"
	" var t=$('#entries').DataTable({pageLength:50,"
	"lengthMenu:[[25,50,100,-1],[25,50,100,'all']],order:[[0,'asc']],"
	"autoWidth:false,columnDefs:[{orderable:false,targets:[7]}]});\n"
	" $('#f-ksm,#f-impact,#f-sub,#f-special,#f-unresolved').on('change',"
	"function(){t.draw();});\n"
	" $('#ranking').DataTable({paging:false,searching:false,info:false,"
	"order:[[0,'asc']]});\n"
	" $('#subsystems').DataTable({paging:false,info:false,order:[[2,'desc']]});\n"
	"}else missing.push('jQuery DataTables (Debian: libjs-jquery-datatables)');\n"
	"if(window.Chart&&data.subsystems.length){\n"
	" var top=data.subsystems.slice(0,data.chart_limit);\n"
	" new Chart(document.getElementById('subsystem-chart'),{type:'bar',"
	"data:{labels:top.map(function(s){return s.subsystem;}),datasets:["
	"{label:'late (.mmap)',data:top.map(function(s){return s.late;}),"
	"backgroundColor:'#c0392b'},"
	"{label:'early (.mmap_prepare)',data:top.map(function(s){return s.early;}),"
	"backgroundColor:'#2e7d32'},"
	"{label:'sets VM_SPECIAL',data:top.map(function(s){return s.special;}),"
	"backgroundColor:'#e0a526'},"
	"{label:'loses KSM (private mappings)',data:top.map(function(s){"
	"return s.lost;}),backgroundColor:'#6d2177'}]},"
	"options:{indexAxis:'y',maintainAspectRatio:false,animation:false,"
	"scales:{x:{beginAtZero:true,ticks:{precision:0}}},"
	"plugins:{legend:{position:'top'}}}});\n"
	"}else if(data.subsystems.length){missing.push('Chart.js (Debian: libjs-chart.js)');"
	"var d=document.querySelector('#subsystems');if(d)d.closest('details').open=true;}\n"
	"if(missing.length)note('Not available when this page was written: '+"
	"missing.join(', ')+'. The tables below are complete but not sortable; '+"
	"'install the packages and run mmprep again for sorting, filtering and the chart.');\n"
	"})();\n";

static void write_page(FILE *f, json_t *scan)
{
	struct totals t;
	json_t *subs = report_subsystems(scan);
	json_t *data;
	bool jq, dt, chart;

	count_totals(scan, &t);
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	      "<meta name=\"viewport\" content=\"width=device-width\">"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
	      "'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
	      "img-src data:\"><title>mmprep: ", f);
	html_escape(f, jstr(json_object_get(scan, "tree"), "name"));
	fputs("</title>\n<style>", f);
	fputs(page_css, f);
	fputs("</style>\n", f);
	dt = inline_lib(f, "jquery-datatables/css/jquery.dataTables.min.css", true);
	fputs("</head><body>\n", f);
	header(f, scan, &t);
	fputs("<p id=\"libnote\" class=\"note\" hidden></p>\n", f);
	fputs("<noscript><p class=\"note\">JavaScript is off: the tables are "
	      "complete but not sortable.</p></noscript>\n", f);
	/* is the chart library there?  then the chart goes first */
	{
		char *p = js_path("chart.js/chart.min.js");

		chart = is_file(p);
		free(p);
	}
	subsystem_section(f, subs, chart);
	ranking_section(f, scan);
	entries_section(f, scan);
	files_section(f, scan);
	fputs("<footer>Written by mmprep from scan.json. Also in this "
	      "directory: scan.txt, scan.sarif, summary.md.</footer>\n", f);
	data = json_pack("{s:O, s:i}", "subsystems", subs, "chart_limit",
			 CHART_SUBSYSTEMS);
	fputs("<script type=\"application/json\" id=\"mmprep-data\">", f);
	inline_json(f, jnew(data));
	fputs("</script>\n", f);
	jq = inline_lib(f, "jquery/jquery.min.js", false);
	if (jq && dt)
		dt = inline_lib(f, "jquery-datatables/jquery.dataTables.min.js",
				false);
	if (chart)
		chart = inline_lib(f, "chart.js/chart.min.js", false);
	fputs("<script>\n", f);
	fputs(page_js, f);
	fputs("</script>\n</body></html>\n", f);
	json_decref(data);
	json_decref(subs);
}

void html_write(json_t *scan, const char *dir)
{
	report_render(scan, dir, "index.html", write_page);
}
