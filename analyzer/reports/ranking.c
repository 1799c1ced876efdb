// SPDX-License-Identifier: GPL-2.0
/*
 * What a scan means for the people converting drivers, shared by
 * index.html and summary.md (and track's subsystem tables):
 *
 *   report_ranking()     conversion targets by leverage: layers such as
 *                        drm_gem_mmap -> drm_gem_object_funcs.mmap, and late
 *                        callbacks shared by several files, each with what
 *                        blocks a one-patch conversion
 *   report_subsystems()  entries per subsystem, most late first
 */
#include "reports/reports.h"
#include "analysis/analysis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	size_t i, late = 0, wins = 0;

	json_array_foreach(entries, i, e) {
		const char *cb = jstr(e, "callback");
		bool caller = in_names(callers, cb);

		if (!caller && !entry_is_field(e, ops_field))
			continue;
		if (caller)
			jset(files, jstr(e, "file"), json_true());
		if (!strcmp(jstr(e, "ksm_path"), "late"))
			late++;
		/* what converting it wins: entries that now lose KSM */
		wins += ksm_loses(e);
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
	jset(item, "wins", json_integer(wins));
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

/*
 * Most KSM regained first (entries whose private mappings lose it now),
 * then most moved; of equals, the one with fewer implementations.
 */
static int cmp_target(const void *pa, const void *pb)
{
	json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;

	if (jint(a, "wins") != jint(b, "wins"))
		return jint(a, "wins") < jint(b, "wins") ? 1 : -1;
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
			s = json_pack("{s:s, s:i, s:i, s:i, s:i, s:i}",
				      "subsystem", jstr(e, "subsystem"),
				      "entries", 0, "late", 0, "early", 0,
				      "special", 0, "lost", 0);
			jset(index, jstr(e, "subsystem"), s);
		}
		add(s, "entries", true);
		add(s, "late", !strcmp(jstr(e, "ksm_path"), "late"));
		add(s, "early", !strcmp(jstr(e, "ksm_path"), "early"));
		add(s, "special", jtrue(e, "special"));
		add(s, "lost", ksm_loses(e));
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
