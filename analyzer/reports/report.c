// SPDX-License-Identifier: GPL-2.0
/*
 * Reports: scan.json (the documented schema), scan.txt (gcc/sparse-style
 * diagnostics) and a short summary for the terminal.
 */
#include "reports/reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void write_txt_special(FILE *f, json_t *e);

/* One entry as gcc-style diagnostics; also the CHECK= mode's output. */
void report_txt_entry(FILE *f, json_t *e)
{
	const char *path = jstr(e, "ksm_path"), *note = jstr(e, "note");
	char *where = xasprintf("%s:%lld:%lld", jstr(e, "file"),
				json_integer_value(json_object_get(e, "line")),
				json_integer_value(json_object_get(e, "col")));
	char *what = xasprintf("%s.%s = %s", jstr(e, "ops_name"),
			       jstr(e, "field"), jstr(e, "callback"));
	char *extra = *note ? xasprintf(" (%s)", note) : xstrdup("");
	const char *impact = jstr(e, "ksm_impact");

	/* a warning only where the late path costs KSM something */
	if (!strcmp(path, "late") && ksm_impact_text(impact))
		fprintf(f, "%s: %s: %s forces the late KSM path%s; %s "
			   "[mmprep-late-mmap]\n", where,
			ksm_impact_costs(impact) ? "warning" : "note", what,
			extra, ksm_impact_text(impact));
	else if (!strcmp(path, "late"))
		fprintf(f, "%s: warning: %s forces the late KSM path%s "
			   "[mmprep-late-mmap]\n", where, what, extra);
	else if (!strcmp(path, "early"))
		fprintf(f, "%s: note: %s %s takes the early KSM path%s "
			   "[mmprep-early-mmap]\n", where, jstr(e, "ops_type"),
			what, extra);
	else
		fprintf(f, "%s: note: %s %s hands the driver a VMA "
			   "[mmprep-entry]\n", where, jstr(e, "ops_type"), what);
	free(where);
	free(what);
	free(extra);
	write_txt_special(f, e);
}

static void join_names(FILE *f, json_t *names, const char *sep)
{
	json_t *v;
	size_t i;

	json_array_foreach(names, i, v)
		fprintf(f, "%s%s", i ? sep : "", json_string_value(v));
}

/* How a hop reaches the next: the dispatcher without the hook, a store. */
static void write_hop_how(FILE *f, json_t *h, json_t *next)
{
	json_t *st = json_object_get(h, "store");

	/* what the dispatcher does without the hook (nullpath.c) */
	if (next && *jstr(next, "when_null"))
		fprintf(f, " (when %s is NULL)", jstr(next, "when_null"));
	/* the driver's store that chose the target of a dispatch */
	if (st && *jstr(st, "index"))
		fprintf(f, " (%.*s[%s] = &%s at %s:%lld)",
			(int)strlen(jstr(st, "holder")) - 2,
			jstr(st, "holder"), jstr(st, "index"),
			jstr(st, "table"), jstr(st, "file"), jint(st, "line"));
	else if (st)
		fprintf(f, " (%s = &%s at %s:%lld)", jstr(st, "holder"),
			jstr(st, "table"), jstr(st, "file"), jint(st, "line"));
}

/*
 * One note per hop, "file:line: note: VM_IO|VM_PFNMAP: a -> b", the flags
 * that share a chain together.  A hop that is no place in the tree (a
 * helper of the built-in table) is told at the place that calls it: a
 * compiler's output, where the CHECK= mode prints, names real files only.
 */
static void write_evidence(FILE *f, json_t *e, json_t *evidence, size_t k)
{
	json_t *ev = json_array_get(evidence, k), *other, *h;
	json_t *chain = json_object_get(ev, "chain");
	char *flags = xstrdup(""), *t;
	const char *file = jstr(e, "file");
	long long line = jint(e, "line");
	size_t i;

	json_array_foreach(evidence, i, other) {
		if (!json_equal(json_object_get(other, "chain"), chain))
			continue;
		if (i < k)
			goto out;	/* printed with an earlier flag */
		t = xasprintf("%s%s%s", flags, *flags ? "|" : "",
			      jstr(other, "flag"));
		free(flags);
		flags = t;
	}
	json_array_foreach(chain, i, h) {
		json_t *next = json_array_get(chain, i + 1);

		if (!report_hop_located(h)) {
			fprintf(f, "%s:%lld: note: %s: %s, from mmprep's "
				   "built-in table [mmprep-evidence]\n", file,
				line, flags, jstr(h, "function"));
			continue;
		}
		file = jstr(h, "file");
		line = jint(h, "at") ? jint(h, "at") : jint(h, "line");
		fprintf(f, "%s:%lld: note: %s: %s -> %s", file, line, flags,
			jstr(h, "function"),
			next ? jstr(next, "function") : jstr(h, "via"));
		write_hop_how(f, h, next);
		fputs(" [mmprep-evidence]\n", f);
	}
out:
	free(flags);
}

/*
 * A late entry that sets a VM_SPECIAL flag: a warning, and the evidence
 * of each flag; an unresolved dispatch: a note naming the ops field.
 */
static void write_txt_special(FILE *f, json_t *e)
{
	json_t *ev;
	size_t i;

	if (strcmp(jstr(e, "ksm_path"), "late"))
		return;
	if (json_is_true(json_object_get(e, "special"))) {
		fprintf(f, "%s:%lld:%lld: warning: %s.%s = %s sets ",
			jstr(e, "file"),
			json_integer_value(json_object_get(e, "line")),
			json_integer_value(json_object_get(e, "col")),
			jstr(e, "ops_name"), jstr(e, "field"), jstr(e, "callback"));
		join_names(f, json_object_get(e, "flags"), "|");
		fprintf(f, "%s, which KSM refuses [mmprep-sets-special]\n",
			json_is_true(json_object_get(e, "conditional")) ?
			" on some paths" : "");
		for (i = 0; i < json_array_size(json_object_get(e, "evidence")); i++)
			write_evidence(f, e, json_object_get(e, "evidence"), i);
	}
	json_array_foreach(json_object_get(e, "unresolved"), i, ev)
		fprintf(f, "%s:%lld:%lld: note: %s.%s = %s dispatches through "
			   "%s, which has no bounded target [mmprep-unresolved-"
			   "dispatch]\n", jstr(e, "file"),
			json_integer_value(json_object_get(e, "line")),
			json_integer_value(json_object_get(e, "col")),
			jstr(e, "ops_name"), jstr(e, "field"), jstr(e, "callback"),
			json_string_value(ev));
}

static void write_txt(FILE *f, json_t *scan)
{
	json_t *files = json_object_get(scan, "files"), *e;
	size_t i;

	json_array_foreach(json_object_get(scan, "entries"), i, e)
		report_txt_entry(f, e);
	json_array_foreach(json_object_get(files, "degraded"), i, e) {
		json_t *d = json_array_get(json_object_get(e, "diagnostics"), 0);

		fprintf(f, "%s: note: parsed with %lld errors, results may be "
			   "incomplete; first: %s [mmprep-degraded]\n",
			jstr(e, "file"),
			json_integer_value(json_object_get(e, "errors")),
			d ? json_string_value(d) : "?");
	}
	json_array_foreach(json_object_get(files, "failed"), i, e)
		fprintf(f, "%s: error: not parsed: %s [mmprep-parse-failed]\n",
			jstr(e, "file"), jstr(e, "reason"));
}

void report_json(json_t *doc, const char *dir, const char *name)
{
	char *text = json_dumps(doc, JSON_INDENT(1) | JSON_SORT_KEYS);

	if (!text)
		die(EXIT_INTERNAL, "%s: cannot serialise", name);
	report_file(dir, name, text, strlen(text));
	free(text);
}

void report_write(json_t *scan, const char *dir)
{
	if (mkdir_p(dir))
		die(EXIT_OUTPUT, "%s: cannot create the report directory", dir);
	report_json(scan, dir, "scan.json");
	report_render(scan, dir, "scan.txt", write_txt);
	report_write_extra(scan, dir);
}

void report_functions(json_t *functions, const char *dir)
{
	report_json(functions, dir, "functions.json");
}

static int cmp_count(const void *a, const void *b)
{
	json_int_t x = json_integer_value(json_array_get(*(json_t *const *)a, 1));
	json_int_t y = json_integer_value(json_array_get(*(json_t *const *)b, 1));

	return (y > x) - (y < x);
}

/* The @max largest counts, largest first. */
static void print_counts(FILE *out, const char *title, json_t *counts,
			 size_t max)
{
	size_t n = json_object_size(counts), i = 0;
	json_t **rows = xcalloc(n, sizeof(*rows)), *v;
	const char *k;

	json_object_foreach(counts, k, v)
		rows[i++] = json_pack("[s, O]", k, v);
	qsort(rows, n, sizeof(*rows), cmp_count);
	fprintf(out, "%s%s:\n", title, n > max ? " (largest)" : "");
	for (i = 0; i < n; i++) {
		if (i < max)
			fprintf(out, "  %-40s %lld\n",
				json_string_value(json_array_get(rows[i], 0)),
				json_integer_value(json_array_get(rows[i], 1)));
		json_decref(rows[i]);
	}
	free(rows);
}

void report_summary(json_t *scan, FILE *out)
{
	json_t *s = json_object_get(scan, "summary");
	json_t *t = json_object_get(scan, "tree");
	json_t *fops = json_object_get(s, "file_operations");

	fprintf(out, "mmprep: %s (Linux %s, %s, config: %s)\n", jstr(t, "name"),
		jstr(t, "version"), jstr(t, "arch"), jstr(t, "config"));
	fprintf(out, "files: %lld parsed, %lld degraded, %lld failed\n",
		json_integer_value(json_object_get(s, "parsed")),
		json_integer_value(json_object_get(s, "degraded")),
		json_integer_value(json_object_get(s, "failed")));
	fprintf(out, "entry points: %lld\n",
		json_integer_value(json_object_get(s, "entries")));
	fprintf(out, "file_operations: %lld late (.mmap), %lld early "
		     "(.mmap_prepare); %lld shmem, %lld generic_file_mmap\n",
		json_integer_value(json_object_get(fops, "late")),
		json_integer_value(json_object_get(fops, "early")),
		json_integer_value(json_object_get(fops, "shmem")),
		json_integer_value(json_object_get(fops, "generic_file_mmap")));
	fprintf(out, "late file_operations: %lld set VM_SPECIAL, %lld set "
		     "nothing (mechanical conversion), %lld unresolved\n",
		json_integer_value(json_object_get(fops, "late_special")),
		json_integer_value(json_object_get(fops, "late_mechanical")),
		json_integer_value(json_object_get(fops, "late_unresolved")));
	if (json_object_get(fops, "ksm_impact")) {
		json_t *k = json_object_get(fops, "ksm_impact");

		fprintf(out, "late file_operations, KSM: %lld lost, %lld "
			     "conditional, %lld unknown, %lld none (VM_SPECIAL), "
			     "%lld none (shared only)\n", jint(k, "lost"),
			jint(k, "conditional"), jint(k, "unknown"),
			jint(k, "none-special"), jint(k, "none-shared-only"));
	}
	print_counts(out, "by ops type", json_object_get(s, "by_ops_type"), 12);
	print_counts(out, "by subsystem", json_object_get(s, "by_subsystem"), 12);
}
