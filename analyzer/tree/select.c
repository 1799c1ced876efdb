// SPDX-License-Identifier: GPL-2.0
/*
 * The text pass: which .c files can define an mmap entry point.
 *
 * A file is a candidate when it stores into a field whose name has "mmap"
 * in it (".mmap =", ".fb_mmap =", ".proc_mmap =", "fops->mmap = foo"), or
 * uses a macro that expands to such a table.  Those macros are derived from
 * the tree: every header #define whose body stores into such a field, then
 * every macro whose body uses one of those, to a fixpoint
 * (DEFINE_DRM_GEM_FOPS -> DRM_GEM_FOPS -> .mmap = drm_gem_mmap).  Every
 * VMA-taking field of the tree's mapping providers has "mmap" in its name;
 * the others belong to the lifecycle hooks discovery excludes anyway.
 *
 * Only candidates are handed to libclang, which then decides by type.
 * select_store_files() finds, for the analysis, the files of a driver
 * that store an ops table into a given field.
 */
#define _GNU_SOURCE
#include "tree/tree.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sources {
	struct strvec c, h;
};

static void add_source(const char *rel, const char *abs,
		       const struct stat *st, void *ctx)
{
	struct sources *s = ctx;

	sv_push(str_ends(rel, ".c") ? &s->c : &s->h, rel);
}

static int cmp_key(const void *key, const void *elem)
{
	return strcmp(key, *(char *const *)elem);
}

static bool in_set(const struct strvec *set, const char *s, size_t n)
{
	char buf[128];

	if (!set->n || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return bsearch(buf, set->v, set->n, sizeof(*set->v), cmp_key);
}

static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Does [s, end) use an identifier of @set? */
static bool uses_set(const char *s, const char *end, const struct strvec *set)
{
	while (s < end) {
		const char *b;

		if (!ident_char(*s) || isdigit((unsigned char)*s)) {
			s++;
			continue;
		}
		for (b = s; s < end && ident_char(*s); s++)
			;
		if (in_set(set, b, s - b))
			return true;
	}
	return false;
}

/* Does [s, end) store into a field named *mmap*: ".x_mmap =", "->mmap =" */
static bool stores_mmap_field(const char *s, const char *end)
{
	for (const char *p = s; p < end && (p = memmem(p, end - p, "mmap", 4));
	     p += 4) {
		const char *b = p, *e = p + 4;

		while (b > s && ident_char(b[-1]))
			b--;
		while (b > s && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b == s || (b[-1] != '.' && !(b[-1] == '>' && b - 1 > s &&
						 b[-2] == '-')))
			continue;
		while (e < end && ident_char(*e))
			e++;
		while (e < end && (*e == ' ' || *e == '\t'))
			e++;
		if (e + 1 < end && e[0] == '=' && e[1] != '=')
			return true;
	}
	return false;
}

/*
 * Adds to @out the macros of @text whose body stores into an mmap field
 * (when @set is NULL) or uses an identifier of @set.
 */
static void scan_defines(const char *text, const struct strvec *set,
			 struct strvec *out)
{
	for (const char *p = text; (p = strstr(p, "define"));) {
		const char *q = p, *name, *body, *end;

		p += 6;
		while (q > text && (q[-1] == ' ' || q[-1] == '\t'))
			q--;
		if (q == text || q[-1] != '#')
			continue;
		while (*p == ' ' || *p == '\t')
			p++;
		for (name = p; ident_char(*p); p++)
			;
		if (p == name)
			continue;
		/* the body runs to the first newline not escaped */
		for (body = end = p; *end; end++)
			if (*end == '\n' && end[-1] != '\\')
				break;
		if (set ? uses_set(body, end, set) :
			  stores_mmap_field(body, end))
			sv_take(out, xstrndup(name, p - name));
		p = end;
	}
}

static void derive_macros(const struct tree *t, const struct strvec *headers,
			  struct strvec *macros)
{
	for (int pass = 0; pass < 6; pass++) {
		struct strvec found = { 0 };
		size_t before = macros->n;

		for (size_t i = 0; i < headers->n; i++) {
			char *p = path_join(t->kdir, headers->v[i]);
			char *text = read_file(p, NULL);

			if (text)
				scan_defines(text, pass ? macros : NULL, &found);
			free(text);
			free(p);
		}
		for (size_t i = 0; i < found.n; i++)
			sv_push(macros, found.v[i]);
		sv_free(&found);
		sv_sort_uniq(macros);
		if (pass && macros->n == before)
			break;
	}
}

void select_candidates(const struct tree *t, struct strvec *files,
		       bool show_macros)
{
	struct sources src = { 0 };
	struct strvec macros = { 0 };
	struct strvec *c = &src.c;

	tree_sources(t, add_source, &src);
	sv_sort_uniq(&src.c);
	sv_sort_uniq(&src.h);
	derive_macros(t, &src.h, &macros);
	for (size_t i = 0; show_macros && i < macros.n; i++)
		fprintf(stderr, "macro: %s\n", macros.v[i]);
	for (size_t i = 0; i < c->n; i++) {
		char *p = path_join(t->kdir, c->v[i]);
		size_t len;
		char *text = read_file(p, &len);

		if (!text)
			warnx_("%s: cannot read", c->v[i]);
		else if (stores_mmap_field(text, text + len) ||
			 uses_set(text, text + len, &macros))
			sv_push(files, c->v[i]);
		free(text);
		free(p);
	}
	sv_free(&src.c);
	sv_free(&src.h);
	sv_free(&macros);
}

/*
 * "field = &table" (not "=="), after "." or "->": a store of the address
 * of one of @tables into @field.
 */
static bool stores_address(const char *text, const char *field,
			   json_t *tables)
{
	size_t n = strlen(field);

	for (const char *p = strstr(text, field); p; p = strstr(p + 1, field)) {
		const char *q = p + n;

		if (p == text || ident_char(q[0]) ||
		    !(p[-1] == '.' || (p - text >= 2 && p[-1] == '>' && p[-2] == '-')))
			continue;
		while (*q == ' ' || *q == '\t')
			q++;
		if (q[0] != '=' || q[1] == '=')
			continue;
		for (q++; isspace((unsigned char)*q); q++)
			;
		if (*q++ != '&')
			continue;
		while (isspace((unsigned char)*q))
			q++;
		for (p = q; ident_char(*p); p++)
			;
		if (p > q && p - q < 128) {
			char name[128];

			memcpy(name, q, p - q);
			name[p - q] = '\0';
			if (json_object_get(tables, name))
				return true;
		}
		p = q;
	}
	return false;
}

/* @rel, when it stores one of @tables' address into field @field */
static void store_file(const struct tree *t, const char *rel,
		       const char *field, json_t *tables, struct strvec *out)
{
	char *p = path_join(t->kdir, rel);
	char *text = read_file(p, NULL);

	if (text && stores_address(text, field, tables))
		sv_push(out, rel);
	free(text);
	free(p);
}

/*
 * The .c files of @entry's driver (the module it is linked into, else its
 * directory) that store the address of one of @tables (names) into a
 * field named @field:
 * where a driver says which ops its objects get
 * (q->mem_ops = &vb2_vmalloc_memops;), often in a probe file that never
 * mentions mmap.
 */
void select_store_files(const struct tree *t, const char *entry,
			const char *field, json_t *tables, struct strvec *out)
{
	json_t *files = built_module_files(t, built_module(t, entry)), *f;
	char *dir, *abs;
	struct dirent *de;
	DIR *d;
	size_t i;

	if (files) {
		json_array_foreach(files, i, f)
			store_file(t, json_string_value(f), field, tables, out);
		return;
	}
	dir = path_dir(entry);
	abs = path_join(t->kdir, dir);
	d = opendir(abs);
	while (d && (de = readdir(d))) {
		char *rel;

		if (!str_ends(de->d_name, ".c"))
			continue;
		rel = xasprintf("%s%s", dir, de->d_name);
		store_file(t, rel, field, tables, out);
		free(rel);
	}
	if (d)
		closedir(d);
	free(abs);
	free(dir);
}
