// SPDX-License-Identifier: GPL-2.0
/*
 * Building shared precompiled headers, and the cache of what each holds
 * (see pch.h).
 *
 *   $MMPREP_CACHE/pch/<2 hex>/<key1>.json
 *     { "drop": [ headers that made the PCH fail ],
 *       "variants": [ { "key": ..., "deps": { header: hash, ... },
 *                       "tested": [ macros ] }, ... ] }
 *   <tree cache>/pch/<key1>.h          the #include lines
 *   <tree cache>/pch/<key>.pch, .json  the PCH and its document
 *
 * A PCH is built by a parse worker like any file (pool.c), so a crash or a
 * hang costs that PCH only; its files then parse without it.  One that
 * parses with errors is built again without the headers that caused them
 * (an error is laid at the #include that led to it), and the last time
 * without any header from the first of them on: those before it parsed
 * clean.  The headers left out are kept in the cache entry.
 */
#include "scan/pch.h"
#include "scan/cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PCH_TRIES 4
#define PCH_VARIANTS 4

static char *entry_path(const char *key1)
{
	char *root = cache_root();
	char *p = xasprintf("%s/pch/%.2s/%s.json", root, key1, key1 + 2);

	free(root);
	return p;
}

static char *tree_file(const struct tree *t, const char *name,
		       const char *ext)
{
	return xasprintf("%s/pch/%s%s", t->cachedir, name, ext);
}

/* The headers the cache says to leave out. */
static void drop_known(struct pch_group *g, json_t *entry)
{
	json_t *v;
	size_t i;

	json_array_foreach(json_object_get(entry, "drop"), i, v) {
		for (size_t k = 0; k < g->headers.n; k++) {
			if (strcmp(g->headers.v[k], json_string_value(v) ?: ""))
				continue;
			free(g->headers.v[k]);
			memmove(&g->headers.v[k], &g->headers.v[k + 1],
				(g->headers.n - k) * sizeof(char *));
			g->headers.n--;
			break;
		}
	}
}

static void set_known(struct pch_set *s, struct pch_group *g, json_t *v)
{
	json_t *m;
	size_t i;

	free(g->pch.key);
	free(g->pch.path);
	free(g->pch.facts);
	g->pch.key = xstrdup(jstr(v, "key"));
	g->pch.path = tree_file(s->t, g->pch.key, ".pch");
	g->pch.facts = tree_file(s->t, g->pch.key, ".json");
	g->here = is_file(g->pch.path) && is_file(g->pch.facts);
	sv_free(&g->tested);
	json_array_foreach(json_object_get(v, "tested"), i, m)
		sv_push(&g->tested, json_string_value(m) ?: "");
}

bool pch_find(struct pch_set *s, struct pch_group *g)
{
	char *path = entry_path(g->key1);
	json_t *e = json_load_file(path, 0, NULL), *v;
	bool found = false;
	size_t i;

	free(path);
	drop_known(g, e);
	g->dead = !g->headers.n;
	json_array_foreach(json_object_get(e, "variants"), i, v) {
		if (!g->dead && *jstr(v, "key") &&
		    cache_deps_valid(s->t, json_object_get(v, "deps"))) {
			set_known(s, g, v);
			found = true;
			break;
		}
	}
	json_decref(e);
	return found;
}

static void write_header(const struct pch_group *g, const char *path)
{
	char *text;
	size_t len;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		die(EXIT_INTERNAL, "out of memory");
	fprintf(f, "/* mmprep: precompiled for %zu files */\n", g->nmembers);
	for (size_t i = 0; i < g->headers.n; i++)
		fprintf(f, "#include <%s>\n", g->headers.v[i]);
	if (fclose(f))
		die(EXIT_INTERNAL, "out of memory");
	if (write_file(path, text, len))
		die(EXIT_OUTPUT, "cannot write %s", path);
	free(text);
}

/*
 * The group's flags, and the per-file defines that group_args() left out
 * set to one stand-in value: inline code of a header may use them (the
 * pr_debug() of net/inet_connection_sock.h names KBUILD_MODNAME), and
 * without them such a header makes the PCH fail.  Kbuild defines them for
 * every C file, so a header that tests them sees them defined, as in a
 * plain parse; only their values differ, in string literals of header
 * code, and a file's own values, on its command line, replace them for its
 * own code.
 */
void pch_build_args(const struct pch_group *g, struct strvec *out)
{
	for (size_t i = 0; i < g->args.n; i++)
		sv_push(out, g->args.v[i]);
	sv_push(out, "-DKBUILD_MODFILE=\"mmprep_pch\"");
	sv_push(out, "-DKBUILD_BASENAME=\"mmprep_pch\"");
	sv_push(out, "-DKBUILD_MODNAME=\"mmprep_pch\"");
	sv_push(out, "-D__KBUILD_MODNAME=kmod_mmprep_pch");
}

static void build_job(struct pch_set *s, struct pch_group *g, struct job *j)
{
	char *dir = xasprintf("%s/pch", s->t->cachedir);

	if (mkdir_p(dir))
		die(EXIT_OUTPUT, "cannot create %s", dir);
	free(dir);
	memset(j, 0, sizeof(*j));
	j->file = tree_file(s->t, g->key1, ".h");
	write_header(g, j->file);
	j->build_pch = xasprintf("%s/pch/%s.%ld.tmp", s->t->cachedir, g->key1,
				 (long)getpid());
	sv_push(&j->args, "-x");
	sv_push(&j->args, "c-header");
	pch_build_args(g, &j->args);
}

/* The macros the headers of @doc test, read from their text. */
static void tested_macros(const struct tree *t, json_t *doc, json_t *out)
{
	struct strvec all = { 0 };
	const char *name;
	json_t *v;

	json_object_foreach(json_object_get(doc, "files"), name, v) {
		struct directives d;

		if (!directives_file(t, name, &d))
			continue;
		for (size_t i = 0; i < d.tested.n; i++)
			sv_push(&all, d.tested.v[i]);
		directives_free(&d);
	}
	sv_sort_uniq(&all);
	for (size_t i = 0; i < all.n; i++)
		json_array_append_new(out, json_string(all.v[i]));
	sv_free(&all);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* What the PCH holds: key1 and every header inside, by content. */
static char *pch_key(const struct tree *t, const char *key1, json_t *deps)
{
	struct strvec words = { 0 };
	const char **names = xcalloc(json_object_size(deps) + 1, sizeof(*names));
	const char *name;
	size_t n = 0;
	json_t *v;
	char *key;

	json_object_foreach(deps, name, v)
		names[n++] = name;
	qsort(names, n, sizeof(*names), cmp_name);
	sv_push(&words, key1);
	for (size_t i = 0; i < n; i++) {
		sv_push(&words, names[i]);
		sv_push(&words, jstr(deps, names[i]));
	}
	key = cache_key_words(t, worker_path(), &words);
	sv_free(&words);
	free(names);
	return key;
}

static void save_entry(struct pch_group *g, json_t *variant)
{
	char *path = entry_path(g->key1), *dir = path_dir(path);
	json_t *old = json_load_file(path, 0, NULL), *list = json_array();
	json_t *drop = json_object_get(old, "drop"), *e, *v;
	size_t i;

	json_array_append(list, variant);
	json_array_foreach(json_object_get(old, "variants"), i, v)
		if (json_array_size(list) < PCH_VARIANTS &&
		    strcmp(jstr(v, "key"), jstr(variant, "key")))
			json_array_append(list, v);
	e = json_pack("{s:O*, s:o}", "drop", drop, "variants", list);
	/* a cache that cannot be written only costs time */
	if (e && !mkdir_p(dir))
		json_dump_file(e, path, JSON_COMPACT);
	json_decref(e);
	json_decref(old);
	free(dir);
	free(path);
}

/* Remember that @header makes the PCH of key1 fail. */
static void save_drop(struct pch_group *g, const char *header)
{
	char *path = entry_path(g->key1), *dir = path_dir(path);
	json_t *e = json_load_file(path, 0, NULL);

	if (!e)
		e = json_object();
	if (!json_is_array(json_object_get(e, "drop")))
		json_object_set_new(e, "drop", json_array());
	json_array_append_new(json_object_get(e, "drop"), json_string(header));
	if (!mkdir_p(dir))
		json_dump_file(e, path, JSON_COMPACT);
	json_decref(e);
	free(dir);
	free(path);
}

static bool record(struct pch_set *s, struct pch_group *g, struct job *j)
{
	json_t *files = json_array(), *v, *deps, *variant;
	const char *name;
	char *key, *pch, *doc;
	bool ok;

	json_object_foreach(json_object_get(j->facts, "files"), name, v)
		json_array_append_new(files, json_string(name));
	deps = cache_deps(s->t, files);
	json_decref(files);
	key = deps ? pch_key(s->t, g->key1, deps) : NULL;
	if (!key) {
		json_decref(deps);
		return false;
	}
	variant = json_pack("{s:s, s:o, s:[]}", "key", key, "deps", deps,
			    "tested");
	tested_macros(s->t, j->facts, json_object_get(variant, "tested"));
	pch = tree_file(s->t, key, ".pch");
	doc = tree_file(s->t, key, ".json");
	ok = !rename(j->build_pch, pch) &&
	     !json_dump_file(j->facts, doc, JSON_COMPACT);
	if (ok) {
		set_known(s, g, variant);
		save_entry(g, variant);
	}
	json_decref(variant);
	free(pch);
	free(doc);
	free(key);
	return ok;
}

/*
 * Leave out the headers on the lines "bad" names, or with @cut all from
 * the first of them on: the headers before the first error parsed clean.
 * False when none is left.
 */
static bool drop_bad(struct pch_group *g, json_t *bad, bool cut)
{
	struct strvec keep = { 0 };
	size_t first = g->headers.n, k;
	json_t *v;
	size_t i;

	/* line 1 is the comment, line 2 the first header */
	json_array_foreach(bad, i, v) {
		json_int_t line = json_integer_value(v);

		if (line < 2 || (size_t)line - 2 >= g->headers.n)
			return false;
		if ((size_t)line - 2 < first)
			first = line - 2;
	}
	for (k = 0; k < g->headers.n; k++) {
		bool is_bad = k >= first && cut;

		json_array_foreach(bad, i, v)
			is_bad |= (size_t)json_integer_value(v) - 2 == k;
		if (is_bad)
			save_drop(g, g->headers.v[k]);
		else
			sv_push(&keep, g->headers.v[k]);
	}
	sv_free(&g->headers);
	g->headers = keep;
	return g->headers.n;
}

void pch_build(struct pch_set *s, struct pch_group **gs, size_t n,
	       struct pool_opts *po)
{
	struct pool_opts bpo = { .width = po->width, .timeout = po->timeout,
				 .progress = po->progress,
				 .what = "precompiling headers" };
	struct job *jobs = xcalloc(n + 1, sizeof(*jobs));
	double t0 = now_seconds();

	for (int round = 0; round < PCH_TRIES; round++) {
		size_t m = 0;

		for (size_t i = 0; i < n; i++)
			if (!gs[i]->dead && !gs[i]->here)
				build_job(s, gs[i], &jobs[m++]);
		if (!m)
			break;
		pool_run(s->t, jobs, m, &bpo);
		for (size_t i = 0, k = 0; i < n; i++) {
			struct pch_group *g = gs[i];
			struct job *j;

			if (g->dead || g->here)
				continue;
			j = &jobs[k++];
			if (!strcmp(jstr(j->facts, "status"), "ok"))
				g->dead = !record(s, g, j);
			else if (!strcmp(jstr(j->facts, "status"), "unusable"))
				g->dead = !drop_bad(g, json_object_get(j->facts,
								       "bad"),
						    round == PCH_TRIES - 2);
			else
				g->dead = true;
			s->built += g->here;
			unlink(j->build_pch);
		}
		jobs_free(jobs, m);
		jobs = xcalloc(n + 1, sizeof(*jobs));
	}
	for (size_t i = 0; i < n; i++)
		gs[i]->dead |= !gs[i]->here;
	free(jobs);
	s->build_wall += now_seconds() - t0;
	s->build_cpu += bpo.cpu;
}
