// SPDX-License-Identifier: GPL-2.0
/*
 * Symbol index: which .c file of the tree defines a function whose
 * parameter list takes a struct vm_area_struct * or vm_area_desc *.
 *
 * When a call chain leaves the parsed files (remap_pfn_range in
 * mm/memory.c, dma_direct_mmap in kernel/dma/direct.c, ...), the defining
 * file is found here and parsed on demand, so helpers are summarised from
 * the code of the release being scanned.  The index is a text pass
 * (definitions are found by their shape: "name(... vm_area_struct ...)"
 * followed by "{"), built once per tree and kept in the cache as
 * symindex.tsv.  Its first line is the fingerprint of the tree's sources
 * that the text pass takes (path, size and mtime of every .c and .h
 * file): a tree that changed gets a new index.
 */
#define _GNU_SOURCE
#include "analysis/analysis.h"

#include <ctype.h>
#include <inttypes.h>
#include <sys/stat.h>
#include <xxhash.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct symindex {
	json_t *byname;		/* name -> [files] */
	struct strvec scratch;
};

static bool ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* From a parameter list's inside, back to the name before its '('. */
static char *def_name(const char *text, const char *at)
{
	int depth = 0;
	const char *p = at, *e;

	for (; p > text; p--) {
		if (*p == ')')
			depth++;
		else if (*p == '(' && depth-- == 0)
			break;
		else if (*p == ';' || *p == '{' || *p == '}')
			return NULL;
	}
	if (p == text)
		return NULL;
	e = p;
	while (e > text && isspace((unsigned char)e[-1]))
		e--;
	p = e;
	while (p > text && ident(p[-1]))
		p--;
	if (p == e || isdigit((unsigned char)*p))
		return NULL;
	/* a definition starts at column 0 with its return type */
	for (const char *q = p; q > text && q[-1] != '\n'; q--)
		if (q[-1] == '=' || q[-1] == '(' || q[-1] == ',')
			return NULL;
	return xstrndup(p, e - p);
}

/* After the parameter list: "{" (maybe after attributes) means a body. */
static bool has_body(const char *at)
{
	int depth = 1;
	const char *p = at;

	while (*p && depth) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == ';' || *p == '{')
			return false;
		p++;
	}
	while (*p && *p != ';' && *p != '{' && *p != '=')
		p++;
	return *p == '{';
}

static void index_text(struct symindex *ix, const char *rel, const char *text)
{
	static const char *const keys[] = { "struct vm_area_struct",
					    "struct vm_area_desc", NULL };

	for (int k = 0; keys[k]; k++) {
		for (const char *p = text; (p = strstr(p, keys[k])); p++) {
			char *name = def_name(text, p);

			if (name && has_body(p)) {
				json_t *l = json_object_get(ix->byname, name);

				if (!l)
					json_object_set_new(ix->byname, name,
							    l = json_array());
				jpush(l, jtext(rel));
			}
			free(name);
		}
	}
}

static void index_one(const char *rel, const char *abs, const struct stat *st,
		      void *ctx)
{
	struct symindex *ix = ctx;
	size_t len;
	char *text;

	/* a name JSON cannot hold is not indexed (the scan lists it failed) */
	if (!str_ends(rel, ".c") || !utf8_valid(rel))
		return;
	text = read_file(abs, &len);
	if (text && memmem(text, len, "vm_area_", 8))
		index_text(ix, rel, text);
	free(text);
}

static bool load(struct symindex *ix, const char *path, uint64_t fp)
{
	char *text = read_file(path, NULL), *line, *save;
	char *head = xasprintf("# fingerprint %016" PRIx64 "\n", fp);
	bool fresh = text && str_starts(text, head);

	free(head);
	if (!fresh) {
		free(text);
		return false;
	}
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t');
		json_t *l;

		if (!tab)
			continue;
		*tab = '\0';
		if (!(l = json_object_get(ix->byname, line)))
			json_object_set_new(ix->byname, line, l = json_array());
		jpush(l, jtext(tab + 1));
	}
	free(text);
	return true;
}

static void save(struct symindex *ix, const char *path, uint64_t fp)
{
	const char *name;
	json_t *files, *f;
	size_t i, len;
	char *buf;
	FILE *out = open_memstream(&buf, &len);

	if (!out)
		die(EXIT_INTERNAL, "open_memstream: out of memory");
	fprintf(out, "# fingerprint %016" PRIx64 "\n", fp);
	json_object_foreach(ix->byname, name, files)
		json_array_foreach(files, i, f)
			fprintf(out, "%s\t%s\n", name, json_string_value(f));
	if (fclose(out))
		die(EXIT_INTERNAL, "%s: out of memory", path);
	if (write_file(path, buf, len))
		warnx_("cannot write the symbol index %s", path);
	free(buf);
}

struct symindex *symindex_open(const struct tree *t)
{
	struct symindex *ix = xcalloc(1, sizeof(*ix));
	char *path = path_join(t->cachedir, "symindex.tsv");
	/* the text pass's walk of the tree: a rescan walks it once */
	uint64_t fp = tree_sources_stamp(t);

	ix->byname = json_object();
	if (!load(ix, path, fp)) {
		tree_sources(t, index_one, ix);
		if (!mkdir_p(t->cachedir))
			save(ix, path, fp);
	}
	free(path);
	return ix;
}

const struct strvec *symindex_files(struct symindex *ix, const char *name)
{
	json_t *l = json_object_get(ix->byname, name), *f;
	size_t i;

	sv_free(&ix->scratch);
	json_array_foreach(l, i, f)
		sv_push(&ix->scratch, json_string_value(f));
	return &ix->scratch;
}

void symindex_free(struct symindex *ix)
{
	if (!ix)
		return;
	json_decref(ix->byname);
	sv_free(&ix->scratch);
	free(ix);
}
