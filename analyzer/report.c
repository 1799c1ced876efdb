// SPDX-License-Identifier: GPL-2.0
/*
 * Reports: scan.json (the documented schema), scan.txt (gcc/sparse-style
 * diagnostics) and a short summary for the terminal.
 */
#include "mmprep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void bump(json_t *counts, const char *key)
{
	json_t *n = json_object_get(counts, key);

	json_object_set_new(counts, key,
			    json_integer(n ? json_integer_value(n) + 1 : 1));
}

static json_t *summarize(json_t *scan)
{
	json_t *by_type = json_object(), *by_sub = json_object();
	json_t *fops = json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i}",
				 "late", 0, "early", 0, "shmem", 0,
				 "generic_file_mmap", 0, "late_special", 0,
				 "late_mechanical", 0, "late_unresolved", 0);
	json_t *e, *files = json_object_get(scan, "files");
	size_t i;

	json_array_foreach(json_object_get(scan, "entries"), i, e) {
		const char *path = jstr(e, "ksm_path"), *note = jstr(e, "note");

		bump(by_type, jstr(e, "ops_type"));
		bump(by_sub, jstr(e, "subsystem"));
		if (*path)
			bump(fops, path);
		if (*path && !strcmp(note, "shmem"))
			bump(fops, "shmem");
		if (*path && str_starts(note, "generic_file"))
			bump(fops, "generic_file_mmap");
		if (strcmp(path, "late"))
			continue;
		/* the three kinds of work a late entry needs */
		if (json_is_true(json_object_get(e, "special")))
			bump(fops, "late_special");
		else if (json_array_size(json_object_get(e, "unresolved")))
			bump(fops, "late_unresolved");
		else
			bump(fops, "late_mechanical");
	}
	return json_pack("{s:I, s:o, s:o, s:o, s:O, s:I, s:I}",
			 "entries", (json_int_t)json_array_size(json_object_get(scan, "entries")),
			 "by_ops_type", by_type, "by_subsystem", by_sub,
			 "file_operations", fops,
			 "parsed", json_object_get(files, "parsed"),
			 "degraded", (json_int_t)json_array_size(json_object_get(files, "degraded")),
			 "failed", (json_int_t)json_array_size(json_object_get(files, "failed")));
}

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

	if (!strcmp(path, "late"))
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

/*
 * One note per hop, "file:line: note: VM_IO|VM_PFNMAP: a -> b", the flags
 * that share a chain together.
 */
static void write_evidence(FILE *f, json_t *evidence, size_t k)
{
	json_t *ev = json_array_get(evidence, k), *other, *h;
	json_t *chain = json_object_get(ev, "chain");
	char *flags = xstrdup(""), *t;
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
		json_t *at = json_object_get(h, "at");

		fprintf(f, "%s:%lld: note: %s: %s -> %s [mmprep-evidence]\n",
			jstr(h, "file"), json_integer_value(at ? at :
				json_object_get(h, "line")),
			flags, jstr(h, "function"),
			next ? jstr(next, "function") : jstr(h, "via"));
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
			write_evidence(f, json_object_get(e, "evidence"), i);
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

void report_write(const struct tree *t, json_t *scan, const char *dir)
{
	char *json_path = path_join(dir, "scan.json");
	char *txt_path = path_join(dir, "scan.txt");
	char *text;
	FILE *f;
	size_t len;

	(void)t;
	json_object_set_new(scan, "summary", summarize(scan));
	if (mkdir_p(dir))
		die(EXIT_OUTPUT, "%s: cannot create the report directory", dir);
	text = json_dumps(scan, JSON_INDENT(1) | JSON_SORT_KEYS);
	if (!text || write_file(json_path, text, strlen(text)))
		die(EXIT_OUTPUT, "%s: cannot write", json_path);
	free(text);
	f = open_memstream(&text, &len);
	write_txt(f, scan);
	fclose(f);
	if (write_file(txt_path, text, len))
		die(EXIT_OUTPUT, "%s: cannot write", txt_path);
	free(text);
	for (int i = 0; report_writers[i]; i++)
		report_writers[i](scan, dir);
	free(json_path);
	free(txt_path);
}

void report_functions(json_t *functions, const char *dir)
{
	char *path = path_join(dir, "functions.json");

	if (json_dump_file(functions, path, JSON_INDENT(1) | JSON_SORT_KEYS))
		die(EXIT_OUTPUT, "%s: cannot write", path);
	free(path);
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
	print_counts(out, "by ops type", json_object_get(s, "by_ops_type"), 12);
	print_counts(out, "by subsystem", json_object_get(s, "by_subsystem"), 12);
}
