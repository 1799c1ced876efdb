// SPDX-License-Identifier: GPL-2.0
/*
 * summary.md: the numbers of a scan and the top of the conversion ranking,
 * short enough to paste into a mail to linux-mm.  It is Markdown that
 * reads as plain text: lists, no tables, no HTML.
 *
 * Also the ranking itself (shared with html.c) and "mmprep --report",
 * which runs the report writers again on a saved scan.json.
 */
#include "mmprep.h"
#include "reports.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOP_TARGETS	10
#define TOP_SUBSYSTEMS	10

/* The flags in the kernel's VM_SPECIAL (include/linux/mm.h). */
static bool vm_special(const char *flag)
{
	return !strcmp(flag, "VM_IO") || !strcmp(flag, "VM_DONTEXPAND") ||
	       !strcmp(flag, "VM_PFNMAP") || !strcmp(flag, "VM_MIXEDMAP");
}

void report_file(const char *dir, const char *name, const char *text,
		 size_t len)
{
	char *path = path_join(dir, name);

	if (mkdir_p(dir) || write_file(path, text, len))
		die(EXIT_OUTPUT, "%s: cannot write", path);
	free(path);
}

void report_render(json_t *scan, const char *dir, const char *name,
		   void (*render)(FILE *f, json_t *scan))
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		die(EXIT_INTERNAL, "open_memstream: out of memory");
	render(f, scan);
	if (fclose(f))
		die(EXIT_INTERNAL, "%s: out of memory", name);
	report_file(dir, name, text, len);
	free(text);
}

static void count(json_t *counts, const char *key)
{
	json_t *n = json_object_get(counts, key);

	jset(counts, key, json_integer(n ? json_integer_value(n) + 1 : 1));
}

/* Sort a JSON array in place with a qsort comparator on json_t *. */
static void sort_array(json_t *a, int (*cmp)(const void *, const void *))
{
	size_t i, n = json_array_size(a);
	json_t **v = xcalloc(n + 1, sizeof(*v));

	for (i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(a, i));
	qsort(v, n, sizeof(*v), cmp);
	json_array_clear(a);
	for (i = 0; i < n; i++)
		jpush(a, v[i]);
	free(v);
}

/* The most common blocker first, then by name. */
static int cmp_blocker(const void *pa, const void *pb)
{
	json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;

	if (jint(a, "functions") != jint(b, "functions"))
		return jint(a, "functions") < jint(b, "functions") ? 1 : -1;
	return strcmp(jstr(a, "what"), jstr(b, "what"));
}

/* "ops_type.field" of an entry, for matching a layer's ops_field */
static bool entry_is_field(json_t *e, const char *ops_field)
{
	const char *t = jstr(e, "ops_type");
	size_t n = strlen(t);

	return *ops_field && !strncmp(ops_field, t, n) && ops_field[n] == '.' &&
	       !strcmp(ops_field + n + 1, jstr(e, "field"));
}

static bool in_names(json_t *names, const char *s)
{
	json_t *v;
	size_t i;

	json_array_foreach(names, i, v)
		if (json_string_value(v) && !strcmp(json_string_value(v), s))
			return true;
	return false;
}

static void count_each(json_t *counts, const char *prefix, json_t *names)
{
	json_t *v;
	size_t i;

	json_array_foreach(names, i, v) {
		char *what;

		if (!json_string_value(v))
			continue;
		what = xasprintf("%s%s", prefix, json_string_value(v));
		count(counts, what);
		free(what);
	}
}

/* The facts of one function that stand in the way of a mechanical patch. */
static void count_blockers(json_t *counts, json_t *e)
{
	json_t *v, *cond = json_object_get(e, "conditional");
	size_t j;

	json_array_foreach(json_object_get(e, "flags"), j, v)
		if (json_string_value(v) && vm_special(json_string_value(v)))
			count(counts, json_string_value(v));
	count_each(counts, "unresolved ", json_object_get(e, "unresolved"));
	if (json_is_true(cond))
		count(counts, "flags on some paths only");
	count_each(counts, "on some paths only: ", cond);
	v = json_object_get(e, "rejects_private");
	if (json_is_true(v))
		count(counts, "rejects MAP_PRIVATE");
	else if (json_is_string(v))
		count(counts, "rejects MAP_PRIVATE on some paths");
}

/*
 * What keeps a layer from being converted in one patch, counted once per
 * function (every driver using drm_gem_mmap shares drm_gem_mmap's facts):
 * the facts of its entry functions (@callers) and of the implementations
 * of its ops field.
 */
static void blockers_of(json_t *entries, json_t *callers,
			const char *ops_field, json_t *item)
{
	json_t *seen = jnew(json_object()), *counts = jnew(json_object());
	json_t *files = jnew(json_object()), *out = jnew(json_array());
	json_t *e, *v;
	const char *k;
	size_t i, late = 0;

	json_array_foreach(entries, i, e) {
		const char *cb = jstr(e, "callback");
		bool caller = in_names(callers, cb);

		if (!caller && !entry_is_field(e, ops_field))
			continue;
		if (caller)
			jset(files, jstr(e, "file"), json_true());
		if (!strcmp(jstr(e, "ksm_path"), "late"))
			late++;
		if (json_object_get(seen, cb))
			continue;
		jset(seen, cb, json_true());
		count_blockers(counts, e);
	}
	json_object_foreach(counts, k, v)
		jpush(out, json_pack("{s:s, s:I}", "what", k, "functions",
				     (json_int_t)json_integer_value(v)));
	sort_array(out, cmp_blocker);
	jset(item, "blockers", out);
	jset(item, "late", json_integer(late));
	out = jnew(json_array());
	json_object_foreach(files, k, v)
		jpush(out, json_string(k));
	jset(item, "files", out);
	json_decref(seen);
	json_decref(counts);
	json_decref(files);
}

/*
 * The functions a layer is entered through: its "layer" if the scan names
 * one, else its "dispatchers" (drm_gem_mmap dispatches through
 * drm_gem_object_funcs.mmap).
 */
static json_t *layer_callers(json_t *l)
{
	json_t *names = json_object_get(l, "dispatchers");

	if (*jstr(l, "layer"))
		return json_pack("[s]", jstr(l, "layer"));
	return json_is_array(names) ? json_incref(names) : jnew(json_array());
}

static json_t *layer_item(json_t *entries, json_t *l, json_t *all_callers)
{
	json_t *item = jnew(json_deep_copy(l)), *callers = layer_callers(l), *v;
	json_t *users = json_object_get(l, "file_operations_users");
	char *name = xstrdup(""), *t;
	size_t i;

	json_array_foreach(callers, i, v) {
		t = xasprintf("%s%s%s", name, i ? " / " : "",
			      json_string_value(v));
		free(name);
		name = t;
		if (json_array_append(all_callers, v))
			die(EXIT_INTERNAL, "cannot append to a report array");
	}
	jset(item, "layer", json_string(*name ? name : jstr(l, "ops_field")));
	jset(item, "kind", json_string("layer"));
	blockers_of(entries, callers, jstr(l, "ops_field"), item);
	/*
	 * What one conversion moves: the file_operations entries that reach
	 * the ops field, when the analyzer counted them; else its drivers.
	 */
	jset(item, "moves", json_integer(json_is_integer(users) ?
		json_integer_value(users) : jint(l, "drivers")));
	free(name);
	json_decref(callers);
	return item;
}

/*
 * Late callbacks that more than one file uses (generic_file_mmap,
 * drm_gem_mmap in a scan without layers): converting the helper once
 * moves every user.
 */
static void shared_callbacks(json_t *entries, json_t *skip, json_t *out)
{
	json_t *by_cb = jnew(json_object()), *e, *files, *item;
	const char *cb;
	size_t i;

	json_array_foreach(entries, i, e) {
		if (strcmp(jstr(e, "ksm_path"), "late"))
			continue;
		cb = jstr(e, "callback");
		files = json_object_get(by_cb, cb);
		if (!files) {
			files = jnew(json_object());
			jset(by_cb, cb, files);
		}
		jset(files, jstr(e, "file"), json_true());
	}
	json_object_foreach(by_cb, cb, files) {
		json_t *callers;

		if (json_object_size(files) < 2 || in_names(skip, cb))
			continue;
		item = json_pack("{s:s, s:n, s:s, s:I, s:i, s:I}", "layer", cb,
				 "ops_field", "kind", "helper", "moves",
				 (json_int_t)json_object_size(files),
				 "implementations", 1, "drivers",
				 (json_int_t)json_object_size(files));
		callers = json_pack("[s]", cb);
		blockers_of(entries, jnew(callers), "", jnew(item));
		json_decref(callers);
		jpush(out, item);
	}
	json_decref(by_cb);
}

/* Most moved first; of equals, the one with fewer implementations. */
static int cmp_target(const void *pa, const void *pb)
{
	json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;

	if (jint(a, "moves") != jint(b, "moves"))
		return jint(a, "moves") < jint(b, "moves") ? 1 : -1;
	if (jint(a, "implementations") != jint(b, "implementations"))
		return jint(a, "implementations") > jint(b, "implementations") ? 1 : -1;
	return strcmp(jstr(a, "layer"), jstr(b, "layer"));
}

json_t *report_ranking(json_t *scan)
{
	json_t *entries = json_object_get(scan, "entries");
	json_t *out = jnew(json_array()), *callers = jnew(json_array()), *l;
	size_t i;

	json_array_foreach(json_object_get(scan, "layers"), i, l)
		jpush(out, layer_item(entries, l, callers));
	shared_callbacks(entries, callers, out);
	sort_array(out, cmp_target);
	json_decref(callers);
	return out;
}

static void md_blockers(FILE *f, json_t *t)
{
	json_t *b;
	size_t i;

	if (!json_array_size(json_object_get(t, "blockers"))) {
		fputs("nothing found in the way", f);
		return;
	}
	fputs("blocked by ", f);
	json_array_foreach(json_object_get(t, "blockers"), i, b)
		fprintf(f, "%s%s (%lld function%s)", i ? ", " : "",
			jstr(b, "what"), jint(b, "functions"),
			jint(b, "functions") == 1 ? "" : "s");
}

static void md_targets(FILE *f, json_t *scan)
{
	json_t *rank = report_ranking(scan), *t;
	size_t i;

	fprintf(f, "\nConversion targets by leverage (%zu):\n\n",
		json_array_size(rank));
	json_array_foreach(rank, i, t) {
		if (i == TOP_TARGETS) {
			fprintf(f, "... and %zu more in index.html\n",
				json_array_size(rank) - i);
			break;
		}
		fprintf(f, "%zu. %s", i + 1, jstr(t, "layer"));
		if (!*jstr(t, "ops_field")) {
			fprintf(f, " (shared helper): moves %lld file%s; ",
				jint(t, "moves"), jint(t, "moves") == 1 ? "" : "s");
		} else {
			if (strcmp(jstr(t, "layer"), jstr(t, "ops_field")))
				fprintf(f, " -> %s", jstr(t, "ops_field"));
			fprintf(f, ": moves %lld file_operations entr%s, %lld "
				   "implementation%s to convert; ", jint(t, "moves"),
				jint(t, "moves") == 1 ? "y" : "ies",
				jint(t, "implementations"),
				jint(t, "implementations") == 1 ? "" : "s");
		}
		md_blockers(f, t);
		fputc('\n', f);
	}
	if (!json_array_size(rank))
		fputs("none: no layer, and no callback shared by two files.\n", f);
	json_decref(rank);
}

static int cmp_sub(const void *pa, const void *pb)
{
	json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;

	if (jint(a, "late") != jint(b, "late"))
		return jint(a, "late") < jint(b, "late") ? 1 : -1;
	if (jint(a, "entries") != jint(b, "entries"))
		return jint(a, "entries") < jint(b, "entries") ? 1 : -1;
	return strcmp(jstr(a, "subsystem"), jstr(b, "subsystem"));
}

static void add(json_t *o, const char *key, bool yes)
{
	jset(o, key, json_integer(jint(o, key) + yes));
}

json_t *report_subsystems(json_t *scan)
{
	json_t *index = jnew(json_object()), *out = jnew(json_array()), *e, *s;
	json_t **v;
	const char *k;
	size_t i, n;

	json_array_foreach(json_object_get(scan, "entries"), i, e) {
		s = json_object_get(index, jstr(e, "subsystem"));
		if (!s) {
			s = json_pack("{s:s, s:i, s:i, s:i, s:i}", "subsystem",
				      jstr(e, "subsystem"), "entries", 0,
				      "late", 0, "early", 0, "special", 0);
			jset(index, jstr(e, "subsystem"), s);
		}
		add(s, "entries", true);
		add(s, "late", !strcmp(jstr(e, "ksm_path"), "late"));
		add(s, "early", !strcmp(jstr(e, "ksm_path"), "early"));
		add(s, "special", jtrue(e, "special"));
	}
	n = json_object_size(index);
	v = xcalloc(n + 1, sizeof(*v));
	i = 0;
	json_object_foreach(index, k, s)
		v[i++] = s;
	qsort(v, n, sizeof(*v), cmp_sub);
	for (i = 0; i < n; i++)
		jpush(out, json_incref(v[i]));
	free(v);
	json_decref(index);
	return out;
}

static void md_subsystems(FILE *f, json_t *scan)
{
	json_t *subs = report_subsystems(scan), *s;
	size_t i;

	fprintf(f, "\nSubsystems by late entries (late/early/VM_SPECIAL):\n\n");
	json_array_foreach(subs, i, s) {
		if (i == TOP_SUBSYSTEMS) {
			fprintf(f, "- ... %zu more in index.html\n",
				json_array_size(subs) - i);
			break;
		}
		fprintf(f, "- %s: %lld/%lld/%lld\n", jstr(s, "subsystem"),
			jint(s, "late"), jint(s, "early"), jint(s, "special"));
	}
	json_decref(subs);
}

static void md_write(FILE *f, json_t *scan)
{
	json_t *tree = json_object_get(scan, "tree");
	json_t *files = json_object_get(scan, "files");
	json_t *entries = json_object_get(scan, "entries"), *e;
	long long special = 0, unresolved = 0, late = 0, early = 0;
	long long helper_late = 0, helper_early = 0;
	long long shmem_late = 0, shmem_early = 0;
	size_t i;

	json_array_foreach(entries, i, e) {
		special += jtrue(e, "special");
		unresolved += json_array_size(json_object_get(e, "unresolved")) > 0;
		late += !strcmp(jstr(e, "ksm_path"), "late");
		early += !strcmp(jstr(e, "ksm_path"), "early");
		if (str_starts(jstr(e, "note"), "generic_file")) {
			helper_late += !strcmp(jstr(e, "ksm_path"), "late");
			helper_early += !strcmp(jstr(e, "ksm_path"), "early");
		} else if (!strcmp(jstr(e, "note"), "shmem")) {
			shmem_late += !strcmp(jstr(e, "ksm_path"), "late");
			shmem_early += !strcmp(jstr(e, "ksm_path"), "early");
		}
	}
	fprintf(f, "# mmprep %s: %s (Linux %s, %s)\n\n",
		jstr(json_object_get(scan, "tool"), "version"), jstr(tree, "name"),
		jstr(tree, "version"), jstr(tree, "arch"));
	fprintf(f, "- entry points: %zu, of which file_operations: %lld late "
		   "(.mmap), %lld early (.mmap_prepare)\n",
		json_array_size(entries), late, early);
	/* the shared fs helpers, which one patch converts for every user */
	fprintf(f, "- shared fs helpers: generic_file_mmap %lld late, %lld "
		   "early; shmem_mmap %lld late, %lld early\n",
		helper_late, helper_early, shmem_late, shmem_early);
	fprintf(f, "- setting VM_SPECIAL flags: %lld; with unresolved "
		   "dispatch: %lld\n", special, unresolved);
	fprintf(f, "- files: %lld candidates, %lld parsed, %zu degraded, "
		   "%zu failed (config: %s)\n",
		jint(files, "candidates"), jint(files, "parsed"),
		json_array_size(json_object_get(files, "degraded")),
		json_array_size(json_object_get(files, "failed")),
		jstr(tree, "config"));
	md_targets(f, scan);
	md_subsystems(f, scan);
	fputs("\nFull list: index.html, scan.sarif, scan.json\n", f);
}

void summary_md_write(json_t *scan, const char *dir)
{
	report_render(scan, dir, "summary.md", md_write);
}

int cmd_report(int argc, char **argv)
{
	json_error_t err;
	json_t *scan;
	char *copy, *dir;

	if (argc < 2 || argc > 3 || argv[1][0] == '-') {
		fputs("usage: mmprep --report SCAN.json [DIR]\n"
		      "writes index.html, scan.sarif and summary.md for a saved "
		      "scan (default DIR: next to SCAN.json)\n",
		      argc == 2 && !strcmp(argv[1], "--help") ? stdout : stderr);
		return argc == 2 && !strcmp(argv[1], "--help") ?
		       EXIT_OK : EXIT_USAGE;
	}
	scan = json_load_file(argv[1], 0, &err);
	if (!scan)
		die(EXIT_UNREADABLE, "%s:%d: %s", argv[1], err.line, err.text);
	if (!json_is_array(json_object_get(scan, "entries")))
		die(EXIT_UNREADABLE, "%s: not an mmprep scan (no entries)",
		    argv[1]);
	copy = xstrdup(argv[1]);
	dir = argc == 3 ? argv[2] : dirname(copy);
	for (int i = 0; report_writers[i]; i++)
		report_writers[i](scan, dir);
	free(copy);
	json_decref(scan);
	return EXIT_OK;
}
