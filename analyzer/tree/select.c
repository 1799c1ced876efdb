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
 *
 * The pass reads every source of the tree, which a rescan need not do:
 * its result is kept in the tree's cache directory (candidates.txt) with a
 * fingerprint of every .c and .h file's path, size and mtime, and of the
 * mmprep binary, and is taken from there while both are unchanged.
 *
 * select_store_files() finds, for the analysis, the files of a driver
 * that store an ops table into a given field.
 */
#define _GNU_SOURCE
#include "tree/tree.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

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

/*
 * A sorted set of identifiers, and a filter that turns most others away
 * before the search: the text pass looks up every identifier of the tree.
 */
struct idset {
	const struct strvec *names;
	bool len[128];			/* the lengths of the names */
	uint64_t bloom[64];		/* 4096 bits */
};

static unsigned id_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h & 4095;
}

static void idset_init(struct idset *ids, const struct strvec *names)
{
	memset(ids, 0, sizeof(*ids));
	ids->names = names;
	for (size_t i = 0; i < names->n; i++) {
		size_t n = strlen(names->v[i]);
		unsigned h = id_hash(names->v[i], n);

		ids->len[n < 128 ? n : 0] = true;
		ids->bloom[h / 64] |= 1ull << (h % 64);
	}
}

static bool in_set(const struct idset *ids, const char *s, size_t n)
{
	char buf[128];
	unsigned h;

	if (n >= sizeof(buf) || !ids->len[n])
		return false;
	h = id_hash(s, n);
	if (!(ids->bloom[h / 64] & (1ull << (h % 64))))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return bsearch(buf, ids->names->v, ids->names->n,
		       sizeof(*ids->names->v), cmp_key);
}

/* [A-Za-z0-9_], by table: the pass looks at every byte of the tree */
static const bool ident_tab[256] = {
	['0' ... '9'] = true, ['A' ... 'Z'] = true, ['a' ... 'z'] = true,
	['_'] = true,
};

static bool ident_char(char c)
{
	return ident_tab[(unsigned char)c];
}

/* Does [s, end) use an identifier of @set? */
static bool uses_set(const char *s, const char *end, const struct idset *set)
{
	while (s < end) {
		const char *b;

		if (!ident_char(*s) || (*s >= '0' && *s <= '9')) {
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
static void scan_defines(const char *text, const struct idset *set,
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
		struct idset ids;

		idset_init(&ids, macros);
		for (size_t i = 0; i < headers->n; i++) {
			char *p = path_join(t->kdir, headers->v[i]);
			char *text = read_file(p, NULL);

			if (text)
				scan_defines(text, pass ? &ids : NULL, &found);
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

/* What the result depends on besides the tree: this very program. */
static char *cache_head(uint64_t fp)
{
	size_t len;
	char *self = read_file("/proc/self/exe", &len);
	uint64_t h = self ? XXH3_64bits(self, len) : 0;

	free(self);
	return xasprintf("# mmprep candidates %016" PRIx64 " %016" PRIx64 "\n",
			 fp, h);
}

static bool load_cached(const char *path, const char *head,
			struct strvec *files, struct strvec *macros)
{
	char *text = read_file(path, NULL), *line, *save;

	if (!text || !str_starts(text, head)) {
		free(text);
		return false;
	}
	for (line = strtok_r(text + strlen(head), "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (str_starts(line, "macro "))
			sv_push(macros, line + 6);
		else if (str_starts(line, "file "))
			sv_push(files, line + 5);
	}
	free(text);
	return true;
}

/* A cache that cannot be written only costs time. */
static void save_cached(const struct tree *t, const char *path,
			const char *head, const struct strvec *files,
			size_t from, const struct strvec *macros)
{
	char *text;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		die(EXIT_INTERNAL, "out of memory");
	fputs(head, f);
	for (size_t i = 0; i < macros->n; i++)
		fprintf(f, "macro %s\n", macros->v[i]);
	for (size_t i = from; i < files->n; i++)
		fprintf(f, "file %s\n", files->v[i]);
	if (fclose(f))
		die(EXIT_INTERNAL, "out of memory");
	if (!mkdir_p(t->cachedir))
		write_file(path, text, len);
	free(text);
}

static void select_text(const struct tree *t, struct sources *src,
			struct strvec *macros, struct strvec *files)
{
	struct strvec *c = &src->c;
	struct idset ids;

	sv_sort_uniq(&src->c);
	sv_sort_uniq(&src->h);
	derive_macros(t, &src->h, macros);
	idset_init(&ids, macros);
	for (size_t i = 0; i < c->n; i++) {
		char *p = path_join(t->kdir, c->v[i]);
		size_t len;
		char *text = read_file(p, &len);

		if (!text)
			warnx_("%s: cannot read", c->v[i]);
		else if (stores_mmap_field(text, text + len) ||
			 uses_set(text, text + len, &ids))
			sv_push(files, c->v[i]);
		free(text);
		free(p);
	}
}

void select_candidates(const struct tree *t, struct strvec *files,
		       bool show_macros)
{
	struct sources src = { 0 };
	struct strvec macros = { 0 };
	char *path = path_join(t->cachedir, "candidates.txt"), *head;
	size_t from = files->n;
	bool newline = false;

	head = cache_head(tree_sources_fingerprint(t, add_source, &src));
	/* a name with a newline would not read back: no cache then */
	for (size_t i = 0; i < src.c.n && !newline; i++)
		newline = strchr(src.c.v[i], '\n');
	if (newline || !load_cached(path, head, files, &macros)) {
		select_text(t, &src, &macros, files);
		if (!newline)
			save_cached(t, path, head, files, from, &macros);
	}
	for (size_t i = 0; show_macros && i < macros.n; i++)
		fprintf(stderr, "macro: %s\n", macros.v[i]);
	sv_free(&src.c);
	sv_free(&src.h);
	sv_free(&macros);
	free(head);
	free(path);
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
