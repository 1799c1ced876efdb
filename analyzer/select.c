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
 */
#define _GNU_SOURCE
#include "mmprep.h"

#include <ctype.h>
#include <fts.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Directories that hold no kernel C code (or only host tools). */
static const char *const skip_dirs[] = {
	".git", "Documentation", "tools", "scripts", "usr", "LICENSES", NULL,
};

static bool skipped(const char *rel)
{
	for (int i = 0; skip_dirs[i]; i++)
		if (!strcmp(rel, skip_dirs[i]))
			return true;
	return false;
}

static void list_sources(const struct tree *t, struct strvec *c,
			 struct strvec *h)
{
	char *roots[] = { t->kdir, NULL };
	FTS *fts = fts_open(roots, FTS_PHYSICAL | FTS_NOCHDIR, NULL);
	FTSENT *e;

	if (!fts)
		die(EXIT_UNREADABLE, "%s: cannot list files", t->kdir);
	while ((e = fts_read(fts))) {
		const char *rel = path_rel(e->fts_path, t->kdir);

		if (e->fts_info == FTS_D && e->fts_level == 1 && skipped(rel))
			fts_set(fts, e, FTS_SKIP);
		else if (e->fts_info == FTS_F && str_ends(rel, ".c"))
			sv_push(c, rel);
		else if (e->fts_info == FTS_F && str_ends(rel, ".h"))
			sv_push(h, rel);
	}
	fts_close(fts);
	sv_sort_uniq(c);
	sv_sort_uniq(h);
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
	struct strvec c = { 0 }, h = { 0 }, macros = { 0 };

	list_sources(t, &c, &h);
	derive_macros(t, &h, &macros);
	for (size_t i = 0; show_macros && i < macros.n; i++)
		fprintf(stderr, "macro: %s\n", macros.v[i]);
	for (size_t i = 0; i < c.n; i++) {
		char *p = path_join(t->kdir, c.v[i]);
		size_t len;
		char *text = read_file(p, &len);

		if (!text)
			warnx_("%s: cannot read", c.v[i]);
		else if (stores_mmap_field(text, text + len) ||
			 uses_set(text, text + len, &macros))
			sv_push(files, c.v[i]);
		free(text);
		free(p);
	}
	sv_free(&c);
	sv_free(&h);
	sv_free(&macros);
}
