// SPDX-License-Identifier: GPL-2.0
/*
 * The per-file facts cache; see cache.h for what a key covers.
 *
 * An entry is one JSON file, facts/<2 hex>/<30 hex>.json, the newest
 * variant first:
 *
 *   { "file": "drivers/char/mem.c",
 *     "variants": [ {
 *       "deps": { "include/linux/mm.h": "<hash>", "@O@/include/...": ... },
 *       "ctx":  "<hash of the headers around the file>",
 *       "facts": { the worker's document } }, ... ] }
 *
 * "deps" is there when the worker listed its inclusions (inclusions.c),
 * and is then checked header by header; otherwise "ctx" is.  Header hashes
 * are computed once per tree and run, so checking an entry is cheap.
 */
#define _GNU_SOURCE
#include "scan/cache.h"
#include "mmprep.h"

#include <dirent.h>
#include <fts.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#define CACHE_FORMAT "mmprep-facts-2"
/*
 * Variants kept per key: an unchanged file seen with other headers, as
 * when tracking revisions back and forth, keeps one set of facts each.
 */
#define CACHE_VARIANTS 4

static struct cache_stats stats;

/* What is known about the tree being scanned; reset for another tree. */
static struct {
	char *kdir;
	char *tree_hex;		/* every shared header, see tree_hash() */
	bool hashed;		/* tree_hex computed (NULL: unreadable) */
	json_t *dirs;		/* directory -> hash of its headers */
	json_t *files;		/* neutral header path -> hash of content */
} cur;

static char *worker_hex;

static bool cache_off(void)
{
	const char *e = getenv("MMPREP_NO_CACHE");

	return e && *e && strcmp(e, "0");
}

char *cache_facts_dir(void)
{
	char *root = cache_root(), *dir = path_join(root, "facts");

	free(root);
	return dir;
}

static XXH3_state_t *hstart(void)
{
	XXH3_state_t *s = XXH3_createState();

	if (!s || XXH3_128bits_reset(s) != XXH_OK)
		die(EXIT_INTERNAL, "out of memory");
	return s;
}

static void hadd(XXH3_state_t *s, const void *p, size_t n)
{
	if (XXH3_128bits_update(s, p, n) != XXH_OK)
		die(EXIT_INTERNAL, "xxhash failed");
}

/* The NUL is hashed too, so that "ab","c" and "a","bc" differ. */
static void hadd_str(XXH3_state_t *s, const char *str)
{
	hadd(s, str, strlen(str) + 1);
}

static char *hex128(XXH128_hash_t h)
{
	return xasprintf("%016llx%016llx", (unsigned long long)h.high64,
			 (unsigned long long)h.low64);
}

static char *hend(XXH3_state_t *s)
{
	char *hex = hex128(XXH3_128bits_digest(s));

	XXH3_freeState(s);
	return hex;
}

/* Length then content; false when the file cannot be read. */
static bool hadd_file(XXH3_state_t *s, const char *path)
{
	size_t len;
	char *text = read_file(path, &len);

	if (!text)
		return false;
	hadd(s, &len, sizeof(len));
	hadd(s, text, len);
	free(text);
	return true;
}

static char *file_hex(const char *path)
{
	size_t len;
	char *text = read_file(path, &len), *hex;

	if (!text)
		return NULL;
	hex = hex128(XXH3_128bits(text, len));
	free(text);
	return hex;
}

/*
 * The worker binary itself: a rebuilt worker may find other facts, and
 * the version string does not change with every commit.
 */
static const char *worker_hash(const char *worker)
{
	if (!worker_hex)
		worker_hex = file_hex(worker);
	return worker_hex;
}

/*
 * A string with the tree's own directories replaced by placeholders, the
 * longest first (the build directory lies in the tree's cache directory,
 * or is KDIR itself).
 */
static char *neutral(const struct tree *t, const char *s)
{
	const char *dirs[] = { t->shimdir, t->objdir, t->cachedir, t->kdir };
	const char *names[] = { "@S@", "@O@", "@C@", "@K@" };
	char *out;
	size_t len;
	FILE *f;
	bool any = false;

	/* most words name none of them */
	for (int i = 0; i < 4 && !any; i++)
		any = dirs[i] && strstr(s, dirs[i]);
	if (!any)
		return xstrdup(s);
	f = open_memstream(&out, &len);
	if (!f)
		die(EXIT_INTERNAL, "out of memory");
	while (*s) {
		int best = -1;

		for (int i = 0; i < 4; i++)
			if (dirs[i] && str_starts(s, dirs[i]) &&
			    (best < 0 || strlen(dirs[i]) > strlen(dirs[best])))
				best = i;
		if (best < 0) {
			fputc(*s++, f);
			continue;
		}
		fputs(names[best], f);
		s += strlen(dirs[best]);
	}
	if (fclose(f))
		die(EXIT_INTERNAL, "out of memory");
	return out;
}

/* The inverse of neutral() for a header path; relative is below KDIR. */
static char *resolve(const struct tree *t, const char *p)
{
	const char *dirs[] = { t->shimdir, t->objdir, t->cachedir, t->kdir };
	const char *names[] = { "@S@", "@O@", "@C@", "@K@" };

	for (int i = 0; i < 4; i++)
		if (dirs[i] && str_starts(p, names[i]))
			return xasprintf("%s%s", dirs[i], p + 3);
	return path_join(t->kdir, p);
}

static int cmp_fts(const FTSENT **a, const FTSENT **b)
{
	return strcmp((*a)->fts_name, (*b)->fts_name);
}

/* Every header below @dir, by name and content, in a fixed order. */
static bool hash_headers_below(const struct tree *t, XXH3_state_t *s,
			       const char *dir)
{
	char *roots[] = { (char *)dir, NULL };
	FTS *fts;
	FTSENT *e;
	bool ok = true;

	if (!dir || !is_dir(dir))
		return true;
	fts = fts_open(roots, FTS_PHYSICAL | FTS_NOCHDIR, cmp_fts);
	if (!fts)
		return false;
	while ((e = fts_read(fts))) {
		char *name;

		if (e->fts_info != FTS_F || !str_ends(e->fts_name, ".h"))
			continue;
		name = neutral(t, e->fts_path);
		hadd_str(s, name);
		free(name);
		ok &= hadd_file(s, e->fts_path);
	}
	fts_close(fts);
	return ok;
}

/* The headers every file can include: computed once per tree. */
static char *tree_hash(const struct tree *t)
{
	XXH3_state_t *s = hstart();
	char *dirs[6];
	bool ok = true;

	dirs[0] = path_join(t->kdir, "include");
	dirs[1] = xasprintf("%s/arch/%s/include", t->kdir, t->arch);
	dirs[2] = t->objdir ? path_join(t->objdir, "include/generated") : NULL;
	dirs[3] = t->objdir ? xasprintf("%s/arch/%s/include/generated",
					t->objdir, t->arch) : NULL;
	dirs[4] = t->shimdir ? xstrdup(t->shimdir) : NULL;
	dirs[5] = NULL;
	for (int i = 0; i < 5; i++) {
		hadd_str(s, "dir");
		/* a generated tree inside KDIR is already hashed above */
		if (dirs[i] && (i < 2 || !str_starts(dirs[i], dirs[0])))
			ok &= hash_headers_below(t, s, dirs[i]);
	}
	for (int i = 0; i < 5; i++)
		free(dirs[i]);
	if (!ok) {
		free(hend(s));
		return NULL;
	}
	return hend(s);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The headers directly in @dir (not below), memoized per tree. */
static const char *dir_hash(const struct tree *t, const char *dir)
{
	json_t *known = json_object_get(cur.dirs, dir);
	struct strvec names = { 0 };
	XXH3_state_t *s;
	struct dirent *d;
	DIR *dp;
	char *hex;

	if (known)
		return json_string_value(known);
	dp = opendir(dir);
	if (dp) {
		while ((d = readdir(dp)))
			if (str_ends(d->d_name, ".h"))
				sv_push(&names, d->d_name);
		closedir(dp);
	}
	if (names.n)	/* qsort() of NULL is undefined */
		qsort(names.v, names.n, sizeof(*names.v), cmp_str);
	s = hstart();
	for (size_t i = 0; i < names.n; i++) {
		char *p = path_join(dir, names.v[i]);

		hadd_str(s, names.v[i]);
		if (!hadd_file(s, p))
			hadd_str(s, "unreadable");
		free(p);
	}
	sv_free(&names);
	hex = hend(s);
	json_object_set_new(cur.dirs, dir, json_string(hex));
	free(hex);
	return json_string_value(json_object_get(cur.dirs, dir));
}

static void hash_dir_of(const struct tree *t, XXH3_state_t *s,
			const char *dir)
{
	char *name = neutral(t, dir);

	hadd_str(s, name);
	hadd_str(s, dir_hash(t, dir));
	free(name);
}

/*
 * Without the worker's list of inclusions: the tree's shared headers, and
 * those of the file's directory, its parent ("../foo.h") and every -I
 * directory of the tree outside include/.
 */
static char *job_ctx(const struct tree *t, const struct job *j)
{
	XXH3_state_t *s;
	char *abs, *slash;

	/* read every header of the tree only when some entry needs it */
	if (!cur.hashed)
		cur.tree_hex = tree_hash(t);
	cur.hashed = true;
	if (!cur.tree_hex)
		return NULL;
	s = hstart();
	abs = path_join(t->kdir, j->file);
	slash = strrchr(abs, '/');
	hadd_str(s, cur.tree_hex);
	*slash = '\0';
	hash_dir_of(t, s, abs);
	slash = strrchr(abs, '/');
	if (slash && strcmp(abs, t->kdir)) {
		*slash = '\0';
		hash_dir_of(t, s, abs);
	}
	free(abs);
	for (size_t i = 0; i < j->args.n; i++) {
		const char *a = j->args.v[i];
		const char *dir = !strcmp(a, "-I") && i + 1 < j->args.n ?
				  j->args.v[i + 1] :
				  str_starts(a, "-I") ? a + 2 : NULL;

		if (dir && path_rel(dir, t->kdir) != dir && is_dir(dir))
			hash_dir_of(t, s, dir);
	}
	return hend(s);
}

/* The start of every key: format, version, worker, arch; NULL if none. */
static XXH3_state_t *key_start(const struct tree *t, const char *worker)
{
	XXH3_state_t *s;

	if (!worker_hash(worker))
		return NULL;
	s = hstart();
	hadd_str(s, CACHE_FORMAT);
	hadd_str(s, MMPREP_VERSION);
	hadd_str(s, worker_hash(worker));
	hadd_str(s, t->arch);
	return s;
}

/* @words with the tree's own directories made neutral. */
static void hadd_neutral(const struct tree *t, XXH3_state_t *s,
			 const struct strvec *words)
{
	for (size_t i = 0; i < words->n; i++) {
		char *a = neutral(t, words->v[i]);

		hadd_str(s, a);
		free(a);
	}
}

static char *job_key(const struct tree *t, const char *worker,
		     const struct job *j)
{
	XXH3_state_t *s = key_start(t, worker);
	char *abs;
	bool ok;

	if (!s)
		return NULL;
	abs = path_join(t->kdir, j->file);
	hadd_str(s, j->file);
	ok = hadd_file(s, abs);
	free(abs);
	hadd_neutral(t, s, &j->args);
	/* the headers of a PCH are not among the file's inclusions */
	if (j->pch)
		hadd_str(s, j->pch->key);
	if (!ok) {
		free(hend(s));
		return NULL;
	}
	return hend(s);
}

char *cache_key_words(const struct tree *t, const char *worker,
		      const struct strvec *words)
{
	XXH3_state_t *s = key_start(t, worker);

	if (!s)
		return NULL;
	hadd_neutral(t, s, words);
	return hend(s);
}

static char *entry_path(const char *key)
{
	char *dir = cache_facts_dir();
	char *p = xasprintf("%s/%.2s/%s.json", dir, key, key + 2);

	free(dir);
	return p;
}

/* Hash of a header named as in "deps", memoized per tree. */
static const char *header_hash(const struct tree *t, const char *name)
{
	json_t *known = json_object_get(cur.files, name);
	char *p, *hex;

	if (known)
		return json_string_value(known);
	p = resolve(t, name);
	hex = file_hex(p);
	free(p);
	json_object_set_new(cur.files, name, json_string(hex ? hex : "-"));
	free(hex);
	return json_string_value(json_object_get(cur.files, name));
}

static bool deps_valid(const struct tree *t, json_t *deps)
{
	const char *name;
	json_t *h;

	json_object_foreach(deps, name, h)
		if (strcmp(header_hash(t, name), json_string_value(h) ?: ""))
			return false;
	return true;
}

static void enter_tree(const struct tree *t)
{
	if (cur.kdir && !strcmp(cur.kdir, t->kdir))
		return;
	free(cur.kdir);
	free(cur.tree_hex);
	json_decref(cur.dirs);
	json_decref(cur.files);
	cur.kdir = xstrdup(t->kdir);
	cur.tree_hex = NULL;
	cur.hashed = false;
	cur.dirs = json_object();
	cur.files = json_object();
}

static bool variant_valid(const struct tree *t, const struct job *j,
			  json_t *v, char **ctx)
{
	json_t *deps = json_object_get(v, "deps");

	if (json_is_object(deps))
		return deps_valid(t, deps);
	if (!*ctx)
		*ctx = job_ctx(t, j);
	return *ctx && !strcmp(*ctx, jstr(v, "ctx"));
}

/* The facts cached for @j, and in @hash what the entry holds (never 0). */
static json_t *lookup(const struct tree *t, const char *worker,
		      const struct job *j, uint64_t *hash)
{
	char *key = job_key(t, worker, j), *path, *ctx = NULL, *text;
	json_t *e, *facts = NULL, *v;
	size_t i, len;

	if (!key)
		return NULL;
	path = entry_path(key);
	free(key);
	text = read_file(path, &len);
	free(path);
	e = text ? json_loadb(text, len, 0, NULL) : NULL;
	json_array_foreach(json_object_get(e, "variants"), i, v) {
		if (!variant_valid(t, j, v, &ctx))
			continue;
		facts = json_object_get(v, "facts");
		if (json_is_object(facts)) {
			json_incref(facts);
			*hash = XXH3_64bits_withSeed(text, len, i) | 1;
			break;
		}
		facts = NULL;
	}
	free(ctx);
	free(text);
	json_decref(e);
	return facts;
}

size_t cache_fill(const struct tree *t, const char *worker, struct job *jobs,
		  size_t n)
{
	size_t hits = 0;

	if (cache_off())
		return 0;
	enter_tree(t);
	for (size_t i = 0; i < n; i++) {
		struct job *j = &jobs[i];

		if (j->facts ||
		    !(j->facts = lookup(t, worker, j, &j->facts_hash)))
			continue;
		hits++;
	}
	stats.cached += hits;
	return hits;
}

json_t *cache_deps(const struct tree *t, json_t *list)
{
	json_t *deps, *v;
	size_t i;

	if (!json_is_array(list))
		return NULL;
	enter_tree(t);
	deps = json_object();
	json_array_foreach(list, i, v) {
		const char *p = json_string_value(v);
		char *name;

		if (!p)
			continue;
		name = neutral(t, p);
		/* clang's own headers go with the worker binary */
		if (name[0] != '/')
			json_object_set_new(deps, name,
					    json_string(header_hash(t, name)));
		free(name);
	}
	return deps;
}

bool cache_deps_valid(const struct tree *t, json_t *deps)
{
	enter_tree(t);
	return json_is_object(deps) && deps_valid(t, deps);
}

/* Writes the entry; what lookup() would find in it as its hash, or 0. */
static uint64_t write_entry(const char *path, json_t *e, size_t variant)
{
	char *dir = xstrdup(path), *tmp, *text = json_dumps(e, JSON_COMPACT);
	uint64_t hash = 0;

	*strrchr(dir, '/') = '\0';
	tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
	/* a cache that cannot be written only costs time */
	if (text && !mkdir_p(dir) && !write_file(tmp, text, strlen(text)) &&
	    !rename(tmp, path)) {
		stats.stored++;
		hash = XXH3_64bits_withSeed(text, strlen(text), variant) | 1;
	} else {
		unlink(tmp);
	}
	free(text);
	free(tmp);
	free(dir);
	return hash;
}

/* Does @a say the same about the headers as @b? */
static bool same_headers(json_t *a, json_t *b)
{
	return json_equal(json_object_get(a, "deps"), json_object_get(b, "deps")) &&
	       !strcmp(jstr(a, "ctx"), jstr(b, "ctx"));
}

/* @v first, then the older variants for other headers. */
static json_t *merge_variants(const char *path, json_t *v)
{
	json_t *old = json_load_file(path, 0, NULL), *list = json_array(), *o;
	size_t i;

	json_array_append_new(list, v);
	json_array_foreach(json_object_get(old, "variants"), i, o)
		if (json_array_size(list) < CACHE_VARIANTS && !same_headers(o, v))
			json_array_append(list, o);
	json_decref(old);
	return list;
}

void cache_store(const struct tree *t, const char *worker, struct job *j)
{
	const char *status = json_string_value(json_object_get(j->facts, "status"));
	char *key, *path, *ctx;
	json_t *e, *deps, *v;

	stats.parsed_fresh++;
	/* a crash or a time-out may not happen again */
	if (cache_off() || !j->facts || !status || !strcmp(status, "failed"))
		return;
	enter_tree(t);
	key = job_key(t, worker, j);
	if (!key)
		return;
	deps = cache_deps(t, json_object_get(j->facts, "inclusions"));
	json_object_del(j->facts, "inclusions");
	ctx = deps ? NULL : job_ctx(t, j);
	if (!deps && !ctx) {
		free(key);
		return;		/* the tree's headers cannot be read */
	}
	v = json_pack("{s:o*, s:s*, s:O}", "deps", deps, "ctx", ctx,
		      "facts", j->facts);
	path = entry_path(key);
	e = v ? json_pack("{s:s, s:o}", "file", j->file, "variants",
			  merge_variants(path, v)) : NULL;
	/* the new variant comes first (merge_variants()) */
	if (e)
		j->facts_hash = write_entry(path, e, 0);
	json_decref(e);
	free(path);
	free(ctx);
	free(key);
}

void cache_get_stats(struct cache_stats *s)
{
	*s = stats;
}

void cache_usage(const char *dir, size_t *entries, unsigned long long *bytes)
{
	char *roots[] = { (char *)dir, NULL };
	FTS *fts;
	FTSENT *e;

	*entries = 0;
	*bytes = 0;
	if (!is_dir(dir))
		return;
	fts = fts_open(roots, FTS_PHYSICAL | FTS_NOCHDIR, NULL);
	if (!fts)
		return;
	while ((e = fts_read(fts))) {
		if (e->fts_info != FTS_F)
			continue;
		(*entries)++;
		*bytes += (unsigned long long)e->fts_statp->st_size;
	}
	fts_close(fts);
}
