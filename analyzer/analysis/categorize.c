// SPDX-License-Identifier: GPL-2.0
/*
 * Pairing with the semantic patches: each late file_operations entry gets
 * the "category" and "cocci" of the first row of
 * semantic-patches/categories.tsv whose condition holds (the table and its
 * "when" grammar are documented in the file itself).  The table is shared
 * with the .cocci scripts and the patches driver, so adding a category
 * touches that table, one .cocci file and its tests, and nothing here.
 *
 * The entry fields the conditions read beyond scan.json's own:
 *   calls   the functions that receive the VMA from the callback or from
 *           the callback's helpers in its own directory
 *   remap   "whole" when one remap_pfn_range/io_remap_pfn_range maps the
 *           whole VMA, "partial" otherwise, absent without a remap
 *   callback_scope  "driver" when the callback is defined in the entry's
 *           own directory, "shared" for a helper of a subsystem layer
 *           (drm_gem_mmap, vb2_fop_mmap): converting it is the layer's job
 */
#include "analysis/analysis.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#ifndef MMPREP_DATADIR
#define MMPREP_DATADIR "/usr/local/share/mmprep/semantic-patches"
#endif

static char *table_path(void)
{
	const char *env = getenv("MMPREP_SEMANTIC_PATCHES");

	return path_join(env && *env ? env : MMPREP_DATADIR, "categories.tsv");
}

json_t *category_table(char *text)
{
	json_t *rows = json_array();
	char *line, *save;
	bool header = true;

	for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		json_t *row = json_array();
		char *tok, *s2;

		if (line[0] == '#') {
			json_decref(row);
			continue;
		}
		for (tok = strtok_r(line, "\t", &s2); tok; tok = strtok_r(NULL, "\t", &s2))
			jpush(row, jtext(tok));
		if (!header && json_array_size(row) >= 5)
			json_array_append(rows, row);
		header = false;
		json_decref(row);
	}
	return rows;
}

static json_t *load_table(void)
{
	char *path = table_path(), *text = read_file(path, NULL);
	json_t *rows;

	if (!text)
		warnx_("%s: cannot read; entries get no conversion category", path);
	rows = category_table(text);
	free(text);
	free(path);
	return rows;
}

static bool is_remap(const char *name)
{
	return !strcmp(name, "remap_pfn_range") ||
	       !strcmp(name, "io_remap_pfn_range");
}

/* A plain lower-case identifier: a local that may hold the VMA's size. */
static bool is_ident(const char *s)
{
	bool lower = false;

	if (!*s || isdigit((unsigned char)*s))
		return false;
	for (; *s; s++) {
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
		lower |= islower((unsigned char)*s);
	}
	return lower;	/* PAGE_SIZE and the like are constants */
}

/*
 * remap_pfn_range(vma, vma->vm_start, pfn, <size of the VMA>, prot).  A
 * size held in a local ("vsize") may be the VMA's: the semantic patch,
 * which sees the local's assignments, decides.
 */
static bool whole_vma(json_t *args)
{
	const char *addr = json_string_value(json_array_get(args, 1));
	const char *size = json_string_value(json_array_get(args, 3));

	return addr && size && str_ends(addr, "vm_start") &&
	       (strstr(size, "vm_end") || strstr(size, "vma_pages") ||
		is_ident(size));
}

struct walk {
	struct graph *g;
	const char *dir;
	json_t *calls;		/* name -> true */
	int remaps;
	bool partial;
	bool *seen;
};

static void collect(struct walk *w, struct fn *f)
{
	json_t *c;
	size_t i;

	if (w->seen[f->idx])
		return;
	w->seen[f->idx] = true;
	json_array_foreach(json_object_get(f->sum, "calls"), i, c) {
		const char *name = jstr(c, "callee");
		const char *cfile = jstr(c, "callee_file");
		struct fn *to = graph_find(w->g, name, *cfile ? cfile : f->file);

		json_object_set_new(w->calls, name, json_true());
		if (is_remap(name)) {
			w->remaps++;
			w->partial |= !whole_vma(json_object_get(c, "args"));
		}
		/* the driver's own helpers, not the kernel's */
		if (to && !to->fallback && str_starts(to->file, w->dir))
			collect(w, to);
	}
}

static void describe(struct graph *g, json_t *e, struct fn *f)
{
	char *dir = path_dir(f->file);
	struct walk w = { g, dir, json_object(), 0, false,
			  xcalloc(g->n, sizeof(bool)) };
	json_t *list = json_array(), *v;
	const char *name;

	collect(&w, f);
	json_object_foreach(w.calls, name, v)
		json_array_append_new(list, json_string(name));
	json_object_set_new(e, "calls", list);
	if (w.remaps)
		json_object_set_new(e, "remap", json_string(
			w.partial || w.remaps > 1 ? "partial" : "whole"));
	json_decref(w.calls);
	free(w.seen);
	free(dir);
}

/* Is @b in @a's directory or below it? */
static bool same_dir(const char *a, const char *b)
{
	char *dir = path_dir(a);
	bool same = str_starts(b, dir);

	free(dir);
	return same;
}

/* "callback=a|b", "flags~VM_IO", "remap!~x", "note=" */
static bool clause_holds(json_t *e, const char *clause)
{
	const char *op = strpbrk(clause, "=~!");
	char *field, *vals, *v, *save;
	bool neg = false, list, hit = false;
	json_t *f;

	if (!op)
		return false;
	field = xstrndup(clause, op - clause);
	if (*op == '!') {
		neg = true;
		op++;
	}
	/* "field!" or "field!x" is not the grammar: "!" ended the clause */
	if (*op != '=' && *op != '~') {
		free(field);
		return false;
	}
	list = *op == '~';
	vals = xstrdup(op + 1);
	f = json_object_get(e, field);
	if (!*vals)
		hit = !f || json_is_null(f) || !json_array_size(f) ?
		      !(json_is_string(f) && *json_string_value(f)) : false;
	for (v = strtok_r(vals, "|", &save); v && !hit; v = strtok_r(NULL, "|", &save)) {
		json_t *x;
		size_t i;

		if (!list) {
			hit = json_is_string(f) && !strcmp(json_string_value(f), v);
			continue;
		}
		json_array_foreach(f, i, x)
			hit |= json_is_string(x) && !strcmp(json_string_value(x), v);
	}
	free(field);
	free(vals);
	return neg ? !hit : hit;
}

static bool when_holds(json_t *e, const char *when)
{
	char *copy = xstrdup(when), *c, *save;
	bool ok = true;

	if (!strcmp(when, "*")) {
		free(copy);
		return true;
	}
	for (c = strtok_r(copy, " ", &save); c && ok; c = strtok_r(NULL, " ", &save))
		ok = clause_holds(e, c);
	free(copy);
	return ok;
}

json_t *category_row(json_t *rows, json_t *e)
{
	json_t *row;
	size_t k;

	json_array_foreach(rows, k, row)
		if (when_holds(e, json_string_value(json_array_get(row, 4))))
			return row;
	return NULL;
}

void categorize(struct graph *g, json_t *scan)
{
	json_t *rows = load_table(), *e, *row;
	size_t i;

	json_array_foreach(json_object_get(scan, "entries"), i, e) {
		struct fn *f = entry_fn(g, e);

		if (strcmp(jstr(e, "ksm_path"), "late"))
			continue;
		if (f)
			describe(g, e, f);
		json_object_set_new(e, "callback_scope", json_string(
			same_dir(jstr(e, "file"), jstr(e, "callback_file")) ?
			"driver" : "shared"));
		row = category_row(rows, e);
		if (row) {
			json_object_set(e, "category", json_array_get(row, 0));
			json_object_set(e, "cocci", json_array_get(row, 1));
			json_object_set(e, "conversion", json_array_get(row, 2));
		}
	}
	json_decref(rows);
}
