// SPDX-License-Identifier: GPL-2.0
/*
 * Merge the facts of every parsed file into one list of entry points.
 *
 * A table in a shared header is seen by each file that includes it, so
 * entries are deduplicated by position.  A callback defined in another
 * file (drm_gem_mmap, a helper in a library module) is located through the
 * function definitions the workers report.  The order is fixed (file,
 * line, column, field), so the output does not depend on -j.
 */
#include "scan/scan.h"
#include "mmprep.h"

#include <stdlib.h>
#include <string.h>

static int cmp_entry(const void *pa, const void *pb)
{
	json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;
	int r = strcmp(jstr(a, "file"), jstr(b, "file"));

	if (!r)
		r = (jint(a, "line") > jint(b, "line")) - (jint(a, "line") < jint(b, "line"));
	if (!r)
		r = (jint(a, "col") > jint(b, "col")) - (jint(a, "col") < jint(b, "col"));
	if (!r)
		r = strcmp(jstr(a, "field"), jstr(b, "field"));
	if (!r)
		r = strcmp(jstr(a, "ops_name"), jstr(b, "ops_name"));
	if (!r)
		r = strcmp(jstr(a, "callback"), jstr(b, "callback"));
	return r;
}

static char *entry_key(json_t *e)
{
	return xasprintf("%s:%lld:%lld:%s:%s:%s", jstr(e, "file"),
			 (long long)jint(e, "line"), (long long)jint(e, "col"),
			 jstr(e, "field"), jstr(e, "ops_name"),
			 jstr(e, "callback"));
}

/*
 * The definition of an extern callback: a non-static definition of that
 * name; where a name is defined in several files (per-arch variants,
 * mm/nommu.c), the one the configuration builds (tree/built.c).
 */
static json_t *find_def(const struct tree *t, json_t *defs, const char *name,
			const char *near)
{
	json_t *list = json_object_get(defs, name), *d, *best = NULL;
	json_t **cands = xcalloc(json_array_size(list) + 1, sizeof(*cands));
	const char **files = xcalloc(json_array_size(list) + 1, sizeof(*files));
	size_t i, n = 0;
	long k;

	json_array_foreach(list, i, d) {
		if (json_is_true(json_object_get(d, "static")))
			continue;
		cands[n] = d;
		files[n++] = jstr(d, "file");
	}
	k = built_pick(t, near, files, n, NULL);
	if (k >= 0)
		best = cands[k];
	free(cands);
	free(files);
	return best;
}

static void classify(const struct tree *t, json_t *e)
{
	const char *cb = jstr(e, "callback");
	bool fops = !strcmp(jstr(e, "ops_type"), "file_operations");
	char *sub = subsystem_of(jstr(e, "file"));

	json_object_set_new(e, "subsystem", json_string(sub));
	free(sub);
	/* the table's file: a macro-made table is where it is expanded */
	json_object_set_new(e, "built", json_string(
		built_name(built_file(t, jstr(e, "file")))));
	json_object_set_new(e, "ksm_path",
			    !fops ? json_null() :
			    !strcmp(jstr(e, "arg"), "desc") ? json_string("early") :
							       json_string("late"));
	if (str_starts(cb, "shmem_mmap"))
		json_object_set_new(e, "note", json_string("shmem"));
	else if (str_starts(cb, "generic_file_readonly_mmap"))
		json_object_set_new(e, "note",
				    json_string("generic_file_readonly_mmap"));
	else if (str_starts(cb, "generic_file_mmap"))
		json_object_set_new(e, "note", json_string("generic_file_mmap"));
}

static void resolve_callback(const struct tree *t, json_t *e, json_t *defs)
{
	json_t *d;

	if (json_is_true(json_object_get(e, "callback_defined")))
		return;
	d = find_def(t, defs, jstr(e, "callback"), jstr(e, "file"));
	if (!d)
		return;
	json_object_set(e, "callback_file", json_object_get(d, "file"));
	json_object_set(e, "callback_line", json_object_get(d, "line"));
	json_object_set_new(e, "callback_defined", json_true());
}

/* Unique ids: "file:ops_name.field", with "#2"... on a clash. */
static void assign_ids(json_t *entries)
{
	json_t *seen = json_object(), *e;
	size_t i;

	json_array_foreach(entries, i, e) {
		char *id = xasprintf("%s:%s.%s", jstr(e, "file"),
				     jstr(e, "ops_name"), jstr(e, "field"));
		json_t *n = json_object_get(seen, id);
		long long k = n ? json_integer_value(n) + 1 : 1;

		json_object_set_new(seen, id, json_integer(k));
		if (k > 1) {
			char *t = xasprintf("%s#%lld", id, k);

			free(id);
			id = t;
		}
		json_object_set_new(e, "id", json_string(id));
		free(id);
	}
	json_decref(seen);
}

static void add_counts(json_t *into, json_t *from)
{
	const char *k;
	json_t *v;

	json_object_foreach(from, k, v) {
		json_t *old = json_object_get(into, k);

		json_object_set_new(into, k, json_integer(
			(old ? json_integer_value(old) : 0) + json_integer_value(v)));
	}
}

/* name -> [definitions], over every file's function list */
static json_t *collect_defs(struct job *jobs, size_t n)
{
	json_t *defs = json_object(), *f;
	size_t i, k;

	for (k = 0; k < n; k++) {
		json_array_foreach(json_object_get(jobs[k].facts, "functions"), i, f) {
			const char *name = jstr(f, "name");
			json_t *list = json_object_get(defs, name);

			if (!list)
				json_object_set_new(defs, name, list = json_array());
			json_array_append(list, f);
		}
	}
	return defs;
}

/*
 * Is the file a diagnostic "FILE:LINE:COL: error: ..." points at one of
 * the tree's, its build directory's or the stand-in headers'?  A symlink
 * in the tree can lead a parse to any file of the user's, and the message
 * quotes its tokens.
 */
static bool diag_in_tree(const struct tree *t, const char *d)
{
	const char *end = strstr(d, ": error: "), *roots[] = { t->kdir,
		t->objdir, t->shimdir };
	char *file, *abs;
	bool in = false;

	if (!end)
		end = strstr(d, ": fatal error: ");
	if (!end)
		return true;
	file = xstrndup(d, end - d);
	for (int k = 0; k < 2; k++)
		if (strrchr(file, ':'))
			*strrchr(file, ':') = '\0';
	abs = file[0] == '/' ? xstrdup(file) : path_join(t->kdir, file);
	for (int i = 0; i < 3 && !in; i++)
		in = roots[i] && path_inside(abs, roots[i]);
	free(abs);
	free(file);
	return in;
}

static json_t *diagnostics(const struct tree *t, json_t *list)
{
	json_t *out = json_array(), *d;
	size_t i;

	json_array_foreach(list, i, d) {
		const char *s = json_string_value(d);

		if (s && !diag_in_tree(t, s))
			s = "error in a file outside the tree (not shown)";
		if (s)
			jpush(out, jtext(s));
	}
	return out;
}

static json_t *file_status(const struct tree *t, struct job *jobs, size_t n)
{
	json_t *files = json_object(), *deg = json_array(), *fail = json_array();
	json_t *built = json_object();
	size_t parsed = 0;

	for (size_t k = 0; k < n; k++) {
		json_t *f = jobs[k].facts;

		jset(built, jobs[k].file, json_string(
			built_name(built_file(t, jobs[k].file))));
		if (!f || !strcmp(jstr(f, "status"), "failed")) {
			jpush(fail, json_pack("{s:o, s:o}",
				"file", jtext(jobs[k].file), "reason",
				jtext(f ? jstr(f, "reason") : jobs[k].failure)));
			continue;
		}
		parsed++;
		if (!strcmp(jstr(f, "status"), "degraded"))
			jpush(deg, json_pack("{s:o, s:I, s:o}",
				"file", jtext(jobs[k].file), "errors",
				jint(f, "errors"), "diagnostics",
				diagnostics(t, json_object_get(f, "diagnostics"))));
	}
	jset(files, "candidates", json_integer(n));
	jset(files, "parsed", json_integer(parsed));
	jset(files, "degraded", deg);
	jset(files, "failed", fail);
	jset(files, "built", built);
	return files;
}

json_t *merge_facts(const struct tree *t, struct job *jobs, size_t n)
{
	json_t *scan = json_object(), *seen = json_object(), *excluded = json_object();
	json_t *defs = collect_defs(jobs, n), *e;
	json_t **list = NULL;
	size_t nlist = 0, i;

	for (size_t k = 0; k < n; k++) {
		add_counts(excluded, json_object_get(jobs[k].facts, "excluded"));
		json_array_foreach(json_object_get(jobs[k].facts, "entries"), i, e) {
			char *key = entry_key(e);

			if (!json_object_get(seen, key)) {
				json_object_set_new(seen, key, json_true());
				list = xrealloc(list, (nlist + 1) * sizeof(*list));
				list[nlist++] = json_deep_copy(e);
			}
			free(key);
		}
	}
	if (nlist)	/* qsort() of NULL is undefined, even of nothing */
		qsort(list, nlist, sizeof(*list), cmp_entry);
	json_t *entries = json_array();

	for (i = 0; i < nlist; i++) {
		resolve_callback(t, list[i], defs);
		classify(t, list[i]);
		json_array_append_new(entries, list[i]);
	}
	assign_ids(entries);
	jset(scan, "tool", json_pack("{s:s, s:s}", "name", "mmprep",
				     "version", MMPREP_VERSION));
	/* the tree's path, name and version are its own, maybe not UTF-8 */
	jset(scan, "tree", json_pack("{s:o, s:o, s:o, s:s, s:b, s:s, s:o?}",
		"path", jtext(t->kdir), "name", jtext(t->name),
		"version", jtext(t->version), "arch", t->arch,
		"configured", t->configured, "config", t->config,
		"compile_db", t->compdb ?
			jtext(path_rel(t->compdb, t->kdir)) : NULL));
	jset(scan, "entries", entries);
	jset(scan, "excluded", excluded);
	jset(scan, "files", file_status(t, jobs, n));
	json_decref(defs);
	free(list);
	json_decref(seen);
	return scan;
}
