// SPDX-License-Identifier: GPL-2.0
/*
 * What one revision's scan says about .mmap_prepare adoption, and what
 * changed from one revision to the next.
 *
 * A file_operations table is known by "file:ops_name": converting it
 * replaces .mmap (late) with .mmap_prepare (early), which changes the
 * entry's field, so its scan id changes too.  Other entries (a layer's
 * own ops, fb_ops.fb_mmap, ...) are known by their scan id.
 */
#include "track/track.h"

#include <stdlib.h>
#include <string.h>

static void bump(json_t *counts, const char *key, long long by)
{
	json_t *n = json_object_get(counts, key);

	json_object_set_new(counts, key,
			    json_integer((n ? json_integer_value(n) : 0) + by));
}

static json_t *sub_counts(json_t *in, const char *name)
{
	json_t *c = json_object_get(in, name);

	if (!c) {
		c = json_pack("{s:i, s:i, s:i}", "late", 0, "early", 0,
			      "layers", 0);
		json_object_set_new(in, name, c);
	}
	return c;
}

/* "drivers/gpu" -> "drivers" */
static char *top_of(const char *sub)
{
	const char *slash = strchr(sub, '/');

	return slash ? xstrndup(sub, slash - sub) : xstrdup(sub);
}

static void count_subsystem(json_t *r, json_t *e)
{
	const char *path = jstr(e, "ksm_path"), *sub = jstr(e, "subsystem");
	const char *kind = *path ? path : "layers";
	char *top = top_of(sub);

	bump(sub_counts(json_object_get(r, "subsystems"), sub), kind, 1);
	bump(sub_counts(json_object_get(r, "top_level"), top), kind, 1);
	free(top);
}

/*
 * The file_operations counts of the scan's own summary (report.c), so
 * that a revision's numbers are the scan's: the late entries split into
 * those that set a VM_SPECIAL flag (VM_IO, VM_PFNMAP, ...), which need
 * more than a mechanical conversion, those behind an unresolved dispatch,
 * and the rest, which set none; and split again by what the late path
 * costs KSM (late_lost, late_conditional, ...: the scan's ksm_impact).
 */
static json_t *fops_counts(json_t *scan)
{
	json_t *fo = json_object_get(json_object_get(scan, "summary"),
				     "file_operations");
	json_t *k = json_object_get(fo, "ksm_impact");

	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
			 "late", (json_int_t)jint(fo, "late"),
			 "early", (json_int_t)jint(fo, "early"),
			 "late_special", (json_int_t)jint(fo, "late_special"),
			 "late_mechanical", (json_int_t)jint(fo, "late_mechanical"),
			 "late_unresolved", (json_int_t)jint(fo, "late_unresolved"),
			 "late_lost", (json_int_t)jint(k, "lost"),
			 "late_conditional", (json_int_t)jint(k, "conditional"),
			 "late_impact_unknown", (json_int_t)jint(k, "unknown"),
			 "late_none_special", (json_int_t)jint(k, "none-special"),
			 "late_none_shared_only",
			 (json_int_t)jint(k, "none-shared-only"));
}

/*
 * The scan's "layers" (annotate.c), { ops_field: "fb_ops.fb_mmap",
 * implementations, drivers }, as { layer: "fb_ops", ops_field: "fb_mmap",
 * implementations, drivers }.
 */
static json_t *layers_of(json_t *scan)
{
	json_t *out = json_array(), *l;
	size_t i;

	json_array_foreach(json_object_get(scan, "layers"), i, l) {
		const char *field = jstr(l, "ops_field");
		const char *dot = strchr(field, '.');

		json_array_append_new(out, json_pack("{s:s%, s:s, s:I, s:I}",
			"layer", field, dot ? (size_t)(dot - field) : strlen(field),
			"ops_field", dot ? dot + 1 : "",
			"implementations", (json_int_t)jint(l, "implementations"),
			"drivers", (json_int_t)jint(l, "drivers")));
	}
	return out;
}

static json_t *files_of(json_t *scan)
{
	json_t *f = json_object_get(scan, "files");

	return json_pack("{s:I, s:I, s:I, s:I}",
			 "candidates", (json_int_t)jint(f, "candidates"),
			 "parsed", (json_int_t)jint(f, "parsed"),
			 "degraded", (json_int_t)json_array_size(json_object_get(f, "degraded")),
			 "failed", (json_int_t)json_array_size(json_object_get(f, "failed")));
}

json_t *track_summary(const char *label, const char *commit, json_t *scan,
		      json_t *cost)
{
	json_t *entries = json_object_get(scan, "entries");
	json_t *tree = json_object_get(scan, "tree"), *e;
	json_t *r = json_object();
	size_t i;

	json_object_set_new(r, "label", json_string(label));
	json_object_set_new(r, "commit", commit ? json_string(commit) : json_null());
	json_object_set_new(r, "version", json_string(jstr(tree, "version")));
	json_object_set_new(r, "tree", commit ? json_null() :
				       json_string(jstr(tree, "path")));
	json_object_set_new(r, "entries", json_integer(json_array_size(entries)));
	json_object_set_new(r, "file_operations", fops_counts(scan));
	json_object_set_new(r, "layers", layers_of(scan));
	json_object_set_new(r, "subsystems", json_object());
	json_object_set_new(r, "top_level", json_object());
	json_array_foreach(entries, i, e)
		count_subsystem(r, e);
	json_object_set_new(r, "files", files_of(scan));
	json_object_set_new(r, "cost", cost);
	return r;
}

static char *entry_name(json_t *e)
{
	const char *id = jstr(e, "id"), *clash = strchr(id, '#');

	if (strcmp(jstr(e, "ops_type"), "file_operations"))
		return xstrdup(id);
	return xasprintf("%s:%s%s", jstr(e, "file"), jstr(e, "ops_name"),
			 clash ? clash : "");
}

json_t *track_keys(json_t *scan)
{
	json_t *keys = json_object(), *e;
	size_t i;

	json_array_foreach(json_object_get(scan, "entries"), i, e) {
		const char *path = jstr(e, "ksm_path");
		char *name = entry_name(e);
		json_t *old = json_object_get(keys, name);

		/* a table with both .mmap and .mmap_prepare counts as early */
		if (!old || !strcmp(path, "early"))
			json_object_set_new(keys, name, json_pack(
				"{s:s, s:s, s:s, s:s, s:s, s:s, s:s}",
				"id", jstr(e, "id"),
				"state", *path ? path : "layer",
				"ops_type", jstr(e, "ops_type"),
				"ops_name", jstr(e, "ops_name"),
				"field", jstr(e, "field"),
				"subsystem", jstr(e, "subsystem"),
				"callback", jstr(e, "callback")));
		free(name);
	}
	return keys;
}

static int cmp_id(const void *a, const void *b)
{
	return strcmp(jstr(*(json_t *const *)a, "id"),
		      jstr(*(json_t *const *)b, "id"));
}

static json_t *sorted(json_t *list)
{
	size_t n = json_array_size(list);
	json_t **v = xcalloc(n + 1, sizeof(*v)), *out = json_array();

	for (size_t i = 0; i < n; i++)
		v[i] = json_array_get(list, i);
	qsort(v, n, sizeof(*v), cmp_id);
	for (size_t i = 0; i < n; i++)
		json_array_append(out, v[i]);
	free(v);
	json_decref(list);
	return out;
}

static json_t *change(json_t *e, json_t *was)
{
	json_t *c = json_pack("{s:s, s:s, s:s, s:s}", "id", jstr(e, "id"),
			      "state", jstr(e, "state"),
			      "ops_type", jstr(e, "ops_type"),
			      "subsystem", jstr(e, "subsystem"));

	if (was)
		json_object_set_new(c, "was", json_string(jstr(was, "id")));
	return c;
}

/* A table found in both revisions: converted, reverted, or moved. */
static void classify(json_t *was, json_t *now, bool moved, json_t *out)
{
	const char *sa = jstr(was, "state"), *sb = jstr(now, "state");

	if (!strcmp(sa, "late") && !strcmp(sb, "early"))
		json_array_append_new(json_object_get(out, "converted"),
				      change(now, was));
	else if (!strcmp(sa, "early") && !strcmp(sb, "late"))
		json_array_append_new(json_object_get(out, "reverted"),
				      change(now, was));
	else if (moved)
		json_array_append_new(json_object_get(out, "moved"),
				      change(now, was));
}

/*
 * What identifies a table across a move to another file: its type and
 * name, and for a layer's table the hook too (a file_operations table
 * changes its hook, .mmap to .mmap_prepare, when it is converted).
 */
static char *move_name(json_t *k)
{
	bool fops = !strcmp(jstr(k, "ops_type"), "file_operations");

	return xasprintf("%s %s%s%s", jstr(k, "ops_type"),
			 jstr(k, "ops_name"), fops ? "" : ".",
			 fops ? "" : jstr(k, "field"));
}

/* How many of @list have @name; the last one's index in *@at (if given). */
static size_t count_name(json_t *list, const char *name, size_t *at)
{
	size_t i, n = 0;
	json_t *k;

	json_array_foreach(list, i, k) {
		char *m = move_name(k);

		if (!strcmp(m, name)) {
			n++;
			if (at)
				*at = i;
		}
		free(m);
	}
	return n;
}

/* "drivers/gpu/drm/tiny/cirrus.c" -> "cirrus", its length in *len */
static const char *file_stem(json_t *k, size_t *len)
{
	const char *id = jstr(k, "id"), *colon = strchr(id, ':');
	const char *base = id, *dot;

	for (const char *p = id; p < (colon ? colon : id + strlen(id)); p++)
		if (*p == '/')
			base = p + 1;
	dot = strchr(base, '.');
	*len = (dot && (!colon || dot < colon) ? dot : colon ? colon :
		base + strlen(base)) - base;
	return base;
}

/*
 * The same file under another directory (fb.c), or renamed with a
 * suffix (cirrus.c to cirrus-qemu.c); not another driver that happens to
 * reuse the name of a removed one's table (sta2x11_vip.c and vip.c).
 */
static bool same_file(json_t *a, json_t *b)
{
	size_t la, lb;
	const char *sa = file_stem(a, &la), *sb = file_stem(b, &lb);
	size_t n = la < lb ? la : lb;
	char next = la < lb ? sb[n] : la > lb ? sa[n] : 0;

	return !strncmp(sa, sb, n) && (!next || next == '-' || next == '_');
}

/*
 * Files move (drivers/gpu/drm/tiny/ofdrm.c to drivers/gpu/drm/sysfb/,
 * x86's resctrl to fs/resctrl/), often in the release that converts
 * them.  A table removed from one file and added to a file of the same
 * name (same_file) is the same table when its name is unique among both
 * the removed and the added; a name used by several tables (a static
 * "fops") is never paired.
 */
static void pair_moves(json_t *added, json_t *removed, json_t *out)
{
	size_t i = 0, at_del;

	while (i < json_array_size(added)) {
		char *name = move_name(json_array_get(added, i));

		if (count_name(added, name, NULL) == 1 &&
		    count_name(removed, name, &at_del) == 1 &&
		    same_file(json_array_get(added, i),
			      json_array_get(removed, at_del))) {
			classify(json_array_get(removed, at_del),
				 json_array_get(added, i), true, out);
			json_array_remove(removed, at_del);
			json_array_remove(added, i);
		} else {
			i++;
		}
		free(name);
	}
}

static json_t *changes_of(json_t *keys)
{
	json_t *out = json_array(), *k;
	size_t i;

	json_array_foreach(keys, i, k)
		json_array_append_new(out, change(k, NULL));
	json_decref(keys);
	return sorted(out);
}

static const char *const paired_kinds[] = { "converted", "reverted",
					    "moved", NULL };

json_t *track_diff(const char *from, const char *to, json_t *a, json_t *b)
{
	json_t *out = json_pack("{s:s, s:s, s:[], s:[], s:[]}", "from", from,
				"to", to, "converted", "reverted", "moved");
	json_t *add = json_array(), *del = json_array(), *eb, *ea;
	const char *k;

	json_object_foreach(b, k, eb) {
		ea = json_object_get(a, k);
		if (ea)
			classify(ea, eb, false, out);
		else
			json_array_append(add, eb);
	}
	json_object_foreach(a, k, ea)
		if (!json_object_get(b, k))
			json_array_append(del, ea);
	pair_moves(add, del, out);
	json_object_set_new(out, "added", changes_of(add));
	json_object_set_new(out, "removed", changes_of(del));
	for (const char *const *kind = paired_kinds; *kind; kind++)
		json_object_set_new(out, *kind,
				    sorted(json_incref(json_object_get(out, *kind))));
	return out;
}
