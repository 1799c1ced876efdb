// SPDX-License-Identifier: GPL-2.0
/*
 * Shared precompiled headers: which files share one, of which headers,
 * and which files may use it (see pch.h).
 *
 * The headers of a group are those that at least one in PCH_SHARE of its
 * files include with #include <...>, PCH_MAX_HEADERS at most, the most
 * included first; each must lie in include/ or arch/<arch>/include/ (or be
 * generated), as found on the group's include path.  They go into the PCH
 * in the order the files include them, on average.  pch_build.c leaves out
 * any that make the PCH parse with errors.
 *
 * A file of a group too small for a PCH of its own (a directory with its
 * own -I or -D ccflags) uses that of a larger group whose flags it has;
 * so does a group of fewer than PCH_OWN_FILES files.
 */
#include "scan/pch.h"
#include "scan/cache.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCH_MIN_FILES 4
#define PCH_OWN_FILES 64
#define PCH_SHARE 50
#define PCH_MAX_HEADERS 160

static struct pch_stats stats;

static bool kbuild_define(const char *d)
{
	return str_starts(d, "KBUILD_") || str_starts(d, "__KBUILD_MODNAME");
}

/* The flags of @j but for those naming the file (per-file defines, -I.) */
static char *group_args(const struct tree *t, const struct job *j,
			struct strvec *out)
{
	const char *slash = strrchr(j->file, '/');
	char *own = slash ? xasprintf("-I%s/%.*s", t->kdir,
				      (int)(slash - j->file), j->file) :
			    xasprintf("-I%s/.", t->kdir);
	char *name;
	size_t len;
	FILE *f = open_memstream(&name, &len);

	if (!f)
		die(EXIT_INTERNAL, "out of memory");
	for (size_t i = 0; i < j->args.n; i++) {
		const char *a = j->args.v[i];

		if (!strcmp(a, own) ||
		    (str_starts(a, "-D") && kbuild_define(a + 2)))
			continue;
		if (!strcmp(a, "-D") && i + 1 < j->args.n &&
		    kbuild_define(j->args.v[i + 1])) {
			i++;
			continue;
		}
		sv_push(out, a);
		fputs(a, f);
		fputc('\n', f);
	}
	if (fclose(f))
		die(EXIT_INTERNAL, "out of memory");
	free(own);
	return name;
}

static struct pch_group *find_group(struct pch_set *s, const char *name)
{
	for (size_t i = 0; i < s->ng; i++)
		if (!strcmp(s->g[i].name, name))
			return &s->g[i];
	return NULL;
}

static void add_member(struct pch_set *s, const struct job *j, size_t idx)
{
	struct strvec args = { 0 };
	char *name = group_args(s->t, j, &args);
	struct pch_group *g = find_group(s, name);

	if (!g) {
		s->g = xrealloc(s->g, (s->ng + 1) * sizeof(*s->g));
		g = &s->g[s->ng++];
		memset(g, 0, sizeof(*g));
		g->name = name;
		g->args = args;
	} else {
		free(name);
		sv_free(&args);
	}
	g->members = xrealloc(g->members, (g->nmembers + 1) * sizeof(size_t));
	g->members[g->nmembers++] = idx;
}

/* What pch_offer() needs of a file read here: its early macros. */
static void remember_early(struct pch_set *s, const char *file,
			   const struct directives *d)
{
	json_t *list = json_array();

	for (size_t i = 0; i < d->early.n; i++)
		json_array_append_new(list, json_string(d->early.v[i]));
	json_object_set_new(s->early, file, list);
}

/* Where <@name> is found on the group's include path, or NULL. */
static char *resolve(const struct pch_group *g, const char *name)
{
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < g->args.n; i++) {
			const char *a = g->args.v[i], *dir = NULL;
			char *p;

			if (!pass && str_starts(a, "-I"))
				dir = a[2] ? a + 2 : (i + 1 < g->args.n ?
						      g->args.v[i + 1] : NULL);
			else if (pass && !strcmp(a, "-isystem") &&
				 i + 1 < g->args.n)
				dir = g->args.v[i + 1];
			if (!dir)
				continue;
			p = path_join(dir, name);
			if (is_file(p))
				return p;
			free(p);
		}
	}
	return NULL;
}

struct count {
	const char *name;
	size_t files;
	double pos;		/* sum of relative positions */
};

static int by_files(const void *a, const void *b)
{
	const struct count *x = a, *y = b;

	if (x->files != y->files)
		return x->files < y->files ? 1 : -1;
	return strcmp(x->name, y->name);
}

static int by_position(const void *a, const void *b)
{
	const struct count *x = a, *y = b;
	double px = x->pos / x->files, py = y->pos / y->files;

	if (px != py)
		return px < py ? -1 : 1;
	return strcmp(x->name, y->name);
}

static void count_includes(json_t *counts, const struct strvec *inc)
{
	json_t *seen = json_object();

	for (size_t k = 0; k < inc->n; k++) {
		json_t *c = json_object_get(counts, inc->v[k]);

		if (json_object_get(seen, inc->v[k]))
			continue;
		json_object_set_new(seen, inc->v[k], json_true());
		if (!c)
			json_object_set_new(counts, inc->v[k],
					    c = json_pack("[i, f]", 0, 0.0));
		json_array_set_new(c, 0, json_integer(
			json_integer_value(json_array_get(c, 0)) + 1));
		json_array_set_new(c, 1, json_real(
			json_real_value(json_array_get(c, 1)) +
			(double)k / inc->n));
	}
	json_decref(seen);
}

/* Shared headers of the tree, or generated, as the group finds them. */
static bool shareable(const struct pch_set *s, const struct pch_group *g,
		      const char *name)
{
	char *p = resolve(g, name);
	bool ok = p && path_is_shared(path_rel(p, s->t->kdir));

	free(p);
	return ok;
}

static void choose_headers(struct pch_set *s, struct pch_group *g,
			   struct job *jobs)
{
	json_t *counts = json_object(), *c;
	struct count *v;
	size_t nv = 0, nfiles = 0, min, keep = 0;
	const char *name;

	for (size_t m = 0; m < g->nmembers + g->peers.n; m++) {
		struct directives d;
		const char *file = m < g->nmembers ? jobs[g->members[m]].file :
				   g->peers.v[m - g->nmembers];

		if (!directives_file(s->t, file, &d))
			continue;
		count_includes(counts, &d.includes);
		remember_early(s, file, &d);
		directives_free(&d);
		nfiles++;
	}
	min = (size_t)ceil((double)nfiles / PCH_SHARE);
	min = min < 2 ? 2 : min;
	v = xcalloc(json_object_size(counts), sizeof(*v));
	json_object_foreach(counts, name, c)
		v[nv++] = (struct count){ name,
			json_integer_value(json_array_get(c, 0)),
			json_real_value(json_array_get(c, 1)) };
	qsort(v, nv, sizeof(*v), by_files);
	for (size_t i = 0; i < nv && keep < PCH_MAX_HEADERS; i++)
		if (v[i].files >= min && shareable(s, g, v[i].name))
			v[keep++] = v[i];
	qsort(v, keep, sizeof(*v), by_position);
	for (size_t i = 0; i < keep; i++)
		sv_push(&g->headers, v[i].name);
	free(v);
	json_decref(counts);
}

/* key1: the flags and the headers as chosen. */
static void name_group(struct pch_set *s, struct pch_group *g)
{
	struct strvec words = { 0 };

	sv_push(&words, "mmprep-pch-1");
	pch_build_args(g, &words);
	sv_push(&words, "--");
	for (size_t i = 0; i < g->headers.n; i++)
		sv_push(&words, g->headers.v[i]);
	g->key1 = cache_key_words(s->t, worker_path(), &words);
	sv_free(&words);
}

/* A -D or -U of a macro @g's headers do not test, as @a (and @next). */
static bool untested_define(const struct pch_group *g, const char *a,
			    const char *next, size_t *skip)
{
	char *name;
	bool ok;

	*skip = 1;
	if (!strcmp(a, "-D") || !strcmp(a, "-U")) {
		if (!next)
			return false;
		a = next;
		*skip = 2;
	} else if (str_starts(a, "-D") || str_starts(a, "-U")) {
		a += 2;
	} else {
		return false;
	}
	name = xstrndup(a, strcspn(a, "=("));
	ok = *name && !sv_contains(&g->tested, name);
	free(name);
	return ok;
}

/*
 * Can a file of flags @args use @g's PCH?  Its flags must be @g's, but
 * for -I directories after all of @g's (they cannot change where a header
 * of the PCH is found) and, with @defines, macros the PCH's headers do not
 * test: a directory's own ccflags.
 */
static bool compatible(const struct pch_group *g, const struct strvec *args,
		       bool defines)
{
	size_t i = 0, k = 0, last_i = 0, skip;

	for (size_t m = 0; m < g->args.n; m++)
		if (str_starts(g->args.v[m], "-I"))
			last_i = m + 1;
	while (i < args->n) {
		const char *a = args->v[i];
		const char *next = i + 1 < args->n ? args->v[i + 1] : NULL;

		if (k < g->args.n && !strcmp(a, g->args.v[k])) {
			i++;
			k++;
		} else if (str_starts(a, "-I") && k >= last_i && (a[2] || next)) {
			i += a[2] ? 1 : 2;
		} else if (defines && untested_define(g, a, next, &skip)) {
			i += skip;
		} else {
			return false;
		}
	}
	return k == g->args.n;
}

static int by_size(const void *a, const void *b)
{
	const struct pch_group *x = a, *y = b;

	if (x->nmembers != y->nmembers)
		return x->nmembers < y->nmembers ? 1 : -1;
	return strcmp(x->name, y->name);
}

/*
 * A group smaller than PCH_OWN_FILES whose files can use the PCH of a
 * larger one does: a PCH costs more to build than it saves a few files.
 * Only -I directories may differ: which macros the larger PCH's headers
 * test is not known before it is built.
 */
static bool shares_host(struct pch_set *s, const struct pch_group *g)
{
	if (g->nmembers >= PCH_OWN_FILES)
		return false;
	for (const struct pch_group *h = s->g; h < g; h++)
		if (!h->dead && compatible(h, &g->args, false))
			return true;
	return false;
}

struct pch_set *pch_plan(const struct tree *t, struct job *jobs, size_t n,
			 const struct strvec *peers, struct pool_opts *po)
{
	struct pch_set *s = xcalloc(1, sizeof(*s));
	struct pch_group **build = xcalloc(n + 1, sizeof(*build));
	size_t nbuild = 0;

	s->t = t;
	s->early = json_object();
	for (size_t i = 0; i < n; i++)
		add_member(s, &jobs[i], i);
	for (size_t i = 0; n && peers && i < peers->n; i++)
		sv_push(&s->g[0].peers, peers->v[i]);
	qsort(s->g, s->ng, sizeof(*s->g), by_size);
	for (size_t i = 0; i < s->ng; i++) {
		struct pch_group *g = &s->g[i];

		g->dead = g->nmembers + g->peers.n < PCH_MIN_FILES ||
			  shares_host(s, g);
		if (!g->dead)
			choose_headers(s, g, jobs);
		g->dead |= !g->headers.n;
		if (!g->dead)
			name_group(s, g);
		g->dead |= !g->key1;
		if (!g->dead && !pch_find(s, g))
			build[nbuild++] = g;
	}
	/* what a PCH holds is known once it is built */
	if (nbuild)
		pch_build(s, build, nbuild, po);
	free(build);
	return s;
}

/* A macro @j sets before its last #include <...> that @g's headers test */
static char *early_conflict(struct pch_set *s, const struct job *j,
			    const struct pch_group *g)
{
	json_t *early = json_object_get(s->early, j->file), *v;
	struct directives d;
	size_t i;

	if (!early) {
		if (!directives_file(s->t, j->file, &d))
			return xstrdup("unreadable");
		remember_early(s, j->file, &d);
		directives_free(&d);
		early = json_object_get(s->early, j->file);
	}
	json_array_foreach(early, i, v)
		if (sv_contains(&g->tested, json_string_value(v)))
			return xasprintf("#define %s before an #include",
					 json_string_value(v));
	return NULL;
}

/* The group whose PCH a file of @name and @args uses, or NULL. */
static struct pch_group *host(struct pch_set *s, const char *name,
			      const struct strvec *args)
{
	struct pch_group *g = find_group(s, name), *best = NULL;

	if (g && !g->dead && g->pch.key)
		return g;
	for (size_t i = 0; i < s->ng; i++) {
		g = &s->g[i];
		if (!g->dead && g->pch.key && compatible(g, args, true) &&
		    (!best || g->nmembers > best->nmembers))
			best = g;
	}
	return best;
}

void pch_offer(struct pch_set *s, struct job *jobs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct strvec args = { 0 };
		char *name = group_args(s->t, &jobs[i], &args);
		struct pch_group *g = host(s, name, &args);

		free(name);
		sv_free(&args);
		jobs[i].pch = NULL;
		if (!g)
			continue;
		free(jobs[i].no_pch);
		jobs[i].no_pch = early_conflict(s, &jobs[i], g);
		if (!jobs[i].no_pch)
			jobs[i].pch = &g->pch;
	}
}

/* The group of a PCH pch_offer() gave a job. */
static struct pch_group *group_of(const struct pch *p)
{
	return (struct pch_group *)((char *)p -
				    offsetof(struct pch_group, pch));
}

/*
 * The jobs left to parse need their PCHs built for this tree; a job whose
 * PCH cannot be built parses without one, and may then be in the cache.
 */
void pch_ready(struct pch_set *s, struct job *jobs, size_t n,
	       struct pool_opts *po)
{
	struct pch_group **build = xcalloc(s->ng + 1, sizeof(*build));
	bool *wanted = xcalloc(s->ng + 1, sizeof(*wanted));
	size_t nbuild = 0, lost = 0;

	for (size_t k = 0; k < n; k++)
		if (jobs[k].pch && !jobs[k].facts)
			wanted[group_of(jobs[k].pch) - s->g] = true;
	for (size_t i = 0; i < s->ng; i++)
		if (wanted[i] && !s->g[i].here && !s->g[i].dead)
			build[nbuild++] = &s->g[i];
	if (nbuild)
		pch_build(s, build, nbuild, po);
	for (size_t k = 0; k < n; k++) {
		if (jobs[k].pch && group_of(jobs[k].pch)->dead) {
			jobs[k].pch = NULL;
			lost++;
		}
	}
	if (lost)
		cache_fill(s->t, worker_path(), jobs, n);
	free(wanted);
	free(build);
}

/* Files parsed with a PCH, and those parsed without theirs. */
void pch_count(struct pch_set *s, struct job *jobs, size_t n,
	       const bool *fresh)
{
	for (size_t i = 0; i < n; i++) {
		const char *how = jstr(jobs[i].facts, "pch");

		if (!fresh[i])
			continue;
		if (jobs[i].no_pch)
			sv_pushf(&stats.fallbacks, "%s: %s", jobs[i].file,
				 jobs[i].no_pch);
		else if (jobs[i].pch && !strcmp(how, "used"))
			stats.files++;
		else if (jobs[i].pch && jobs[i].facts)
			sv_pushf(&stats.fallbacks, "%s: %s", jobs[i].file, how);
	}
	stats.pchs = 0;
	for (size_t i = 0; i < s->ng; i++)
		stats.pchs += s->g[i].here;
	stats.built = s->built;
	stats.build_seconds = s->build_wall;
	stats.build_cpu = s->build_cpu;
}

void pch_get_stats(struct pch_stats *st)
{
	*st = stats;
}

void pch_free(struct pch_set *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ng; i++) {
		struct pch_group *g = &s->g[i];

		free(g->name);
		sv_free(&g->args);
		free(g->members);
		sv_free(&g->peers);
		sv_free(&g->headers);
		free(g->key1);
		free(g->pch.key);
		free(g->pch.path);
		free(g->pch.facts);
		sv_free(&g->tested);
	}
	free(s->g);
	json_decref(s->early);
	free(s);
}
