// SPDX-License-Identifier: GPL-2.0
/*
 * scan_run(): one tree from its candidate files to scan.json.
 *
 *   setup       the build directory and compile flags (tree/)
 *   candidates  the text pass, or the files asked for; it runs while a
 *               scratch build directory is prepared (scan_ready() waits)
 *   parse       the cache first (cache.c), then the workers (pool.c),
 *               with shared precompiled headers (pch.c)
 *   merge       entry points of all files (merge.c)
 *   on demand   helpers the entry points call, found through the symbol
 *               index and parsed in rounds (below)
 *   analysis    the fixpoint and its results on the entries (analysis/)
 *   summary     the counts of scan.json's "summary"
 *
 * On-demand parsing is bounded: at most ONDEMAND_ROUNDS rounds (a helper
 * found in round k may call one found in round k + 1) and ONDEMAND_FILES
 * files in all.
 */
#include "scan/cache.h"
#include "analysis/analysis.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xxhash.h>

#define ONDEMAND_ROUNDS 4
#define ONDEMAND_FILES 400

void scan_setup(struct tree *t, const struct scan_opts *o,
		struct compdb **db)
{
	*db = o->flags ? NULL : compdb_open(t, o->compdb, o->objdir);
	pool_probe();
	if (!o->flags)
		kbuild_setup(t, o->objdir, o->no_prepare, o->quiet);
}

/* After the text pass, which ran while a scratch prepare did. */
void scan_ready(struct tree *t, const struct scan_opts *o)
{
	if (!o->flags) {
		kbuild_ready(t);
		built_load(t);
	}
}

void scan_candidates(const struct tree *t, const struct scan_opts *o,
		     struct strvec *files, bool show_macros)
{
	if (!o->nonly) {
		select_candidates(t, files, show_macros);
		return;
	}
	for (int i = 0; i < o->nonly; i++) {
		char *abs = path_join(t->kdir, o->only[i]);
		char *text = read_file(abs, NULL);

		if (!text)
			die(EXIT_UNREADABLE, "%s: cannot read", o->only[i]);
		free(text);
		/* names of files land in paths: none may climb out of KDIR */
		if (!path_is_plain(path_rel(abs, t->kdir)))
			die(EXIT_USAGE, "%s: not a file of %s", o->only[i],
			    t->kdir);
		sv_push(files, path_rel(abs, t->kdir));
		free(abs);
	}
}

static struct job *make_jobs(const struct tree *t, const struct scan_opts *o,
			     struct compdb *db, const struct strvec *files)
{
	struct job *jobs = xcalloc(files->n + 1, sizeof(*jobs));

	for (size_t i = 0; i < files->n; i++) {
		if (!o->flags) {
			job_init(&jobs[i], t, db, files->v[i]);
			continue;
		}
		jobs[i].file = xstrdup(files->v[i]);
		kbuild_toolchain_flags(t, &jobs[i].args);
		for (size_t k = 0; k < o->flags->n; k++)
			sv_push(&jobs[i].args, o->flags->v[k]);
	}
	return jobs;
}

/*
 * The other .c files of @file's directory.  In CHECK= mode kbuild runs
 * mmprep once per file; the files of a directory usually share their
 * flags, and so the PCH the first of them builds.
 */
static void dir_peers(const struct tree *t, const char *file,
		      struct strvec *out)
{
	char *dir = path_dir(file), *abs = path_join(t->kdir, dir);
	DIR *d = opendir(abs);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		char *rel = xasprintf("%s%s", dir, e->d_name);

		if (str_ends(e->d_name, ".c") && strcmp(rel, file))
			sv_take(out, rel);
		else
			free(rel);
	}
	if (d)
		closedir(d);
	sv_sort_uniq(out);
	free(abs);
	free(dir);
}

/* The jobs' facts: from the cache, else from the workers. */
static void parse_jobs(const struct tree *t, const struct scan_opts *o,
		       struct pch_set *ps, struct job *jobs, size_t n,
		       const char *what, struct scan_result *r)
{
	struct pool_opts po = { .width = o->jobs, .timeout = o->timeout,
				.progress = o->progress, .what = what,
				.keep = true };
	bool *fresh = xcalloc(n + 1, sizeof(*fresh));

	if (ps)
		pch_offer(ps, jobs, n);
	cache_fill(t, worker_path(), jobs, n);
	if (ps)
		pch_ready(ps, jobs, n, &po);
	for (size_t i = 0; i < n; i++)
		fresh[i] = !jobs[i].facts;
	pool_run(t, jobs, n, &po);
	if (ps)
		pch_count(ps, jobs, n, fresh);
	r->parse_cpu += po.cpu;
	r->parses += po.parsed;
	free(fresh);
}

/*
 * What the summaries are made of: the cache entries of their files, in
 * order; "fresh" when a file's facts were not taken from the cache.
 * @seen: the summaries kept, of the 85,000 a scan of Linux 7.0 gets (its
 * 1,100 functions, each from every file that includes its header).
 */
struct digest {
	XXH3_state_t *h;
	bool fresh;
	json_t *seen;
};

static void add_functions(json_t *all, json_t *links, struct job *jobs,
			  size_t n, struct digest *d)
{
	for (size_t k = 0; k < n; k++) {
		summaries_add(all, d->seen,
			      json_object_get(jobs[k].facts, "functions"));
		links_add(links, jobs[k].facts);
		if (!jobs[k].facts_hash)
			d->fresh = true;
		XXH3_64bits_update(d->h, &jobs[k].facts_hash,
				   sizeof(jobs[k].facts_hash));
	}
}

static void want(const struct strvec *files, json_t *parsed,
		 struct strvec *out, size_t budget)
{
	for (size_t i = 0; i < files->n && out->n < budget; i++) {
		if (json_object_get(parsed, files->v[i]))
			continue;
		json_object_set_new(parsed, files->v[i], json_true());
		sv_push(out, files->v[i]);
	}
}

/*
 * Files not parsed yet: those defining the callees no summary covers,
 * and those of a driver's directory that store a table into a field it
 * dispatches through.
 */
static void wanted_files(const struct tree *t, struct symindex *ix,
			 json_t *functions, json_t *links, json_t *entries,
			 json_t *parsed, struct strvec *out, size_t budget)
{
	json_t *w = analysis_wanted(t, functions, links, entries), *v, *fields;
	const char *name, *entry;

	json_object_foreach(json_object_get(w, "callees"), name, v)
		want(symindex_files(ix, name), parsed, out, budget);
	json_object_foreach(json_object_get(w, "stores"), entry, fields) {
		json_object_foreach(fields, name, v) {
			struct strvec files = { 0 };

			select_store_files(t, entry, name, v, &files);
			want(&files, parsed, out, budget);
			sv_free(&files);
		}
	}
	json_decref(w);
	sv_sort_uniq(out);
}

/*
 * A helper that could not be parsed costs its summaries only, but is
 * named among the failed files: a crash or a time-out is no silent gap.
 */
static void add_failed_helpers(json_t *scan, const struct job *jobs, size_t n)
{
	json_t *failed = json_object_get(json_object_get(scan, "files"),
					 "failed");

	for (size_t k = 0; k < n; k++) {
		json_t *f = jobs[k].facts;
		char *why;

		if (f && strcmp(jstr(f, "status"), "failed"))
			continue;
		why = xasprintf("%s (a helper parsed on demand)",
				f ? jstr(f, "reason") :
				jobs[k].failure ? jobs[k].failure : "no facts");
		jpush(failed, json_pack("{s:o, s:o}", "file",
					jtext(jobs[k].file), "reason", jtext(why)));
		free(why);
	}
}

/* Helpers parsed on demand, their summaries added to @functions. */
static size_t parse_on_demand(const struct tree *t, const struct scan_opts *o,
			      struct compdb *db, struct pch_set *ps,
			      struct symindex *ix, json_t *scan,
			      json_t *functions, json_t *links,
			      const struct strvec *files, struct digest *d,
			      struct scan_result *r)
{
	json_t *parsed = json_object(), *entries = json_object_get(scan, "entries");
	json_t *built = json_object_get(json_object_get(scan, "files"), "built");
	size_t extra = 0;

	for (size_t k = 0; k < files->n; k++)
		json_object_set_new(parsed, files->v[k], json_true());
	for (int round = 0; round < ONDEMAND_ROUNDS; round++) {
		struct strvec more = { 0 };
		struct job *jobs;

		wanted_files(t, ix, functions, links, entries, parsed, &more,
			     ONDEMAND_FILES - extra);
		if (!more.n)
			break;
		extra += more.n;
		for (size_t k = 0; k < more.n; k++)
			jset(built, more.v[k], json_string(
				built_name(built_file(t, more.v[k]))));
		jobs = make_jobs(t, o, db, &more);
		parse_jobs(t, o, ps, jobs, more.n, "on demand", r);
		add_functions(functions, links, jobs, more.n, d);
		add_failed_helpers(scan, jobs, more.n);
		jobs_free(jobs, more.n);
		sv_free(&more);
	}
	json_decref(parsed);
	return extra;
}

/*
 * The summaries of the last full scan of a tree, kept in its cache
 * directory for the CHECK= mode: a per-file run parses its own file only,
 * and takes the facts of the helpers it calls (vm_iomap_memory,
 * remap_pfn_range, ...) from there rather than from the built-in table.
 */
static char *summaries_path(const struct tree *t)
{
	return path_join(t->cachedir, "summaries.json");
}

/*
 * A rescan whose files all came from the same cache entries as the last
 * one has the same summaries: summaries.key says which entries made them,
 * and need not be written again (400 KB for Linux 7.0).
 */
static void save_summaries(const struct tree *t, json_t *functions,
			   struct digest *d)
{
	char *path = summaries_path(t), *keyp = path_join(t->cachedir,
							 "summaries.key");
	char *want = d->fresh ? NULL : xasprintf("%016llx\n",
		(unsigned long long)XXH3_64bits_digest(d->h));
	char *had = read_file(keyp, NULL), *text = NULL;

	if (want && had && !strcmp(want, had) && is_file(path))
		goto out;
	/* no key names a file being rewritten */
	unlink(keyp);
	text = json_dumps(functions, JSON_COMPACT);
	/* a cache that cannot be written only costs the CHECK mode facts */
	if (!text || mkdir_p(t->cachedir) ||
	    write_file(path, text, strlen(text)))
		warnx_("cannot keep the summaries in %s", path);
	else if (want)
		write_file(keyp, want, strlen(want));
out:
	free(text);
	free(had);
	free(want);
	free(keyp);
	free(path);
}

/*
 * The saved summaries of functions outside @files, after the files' own
 * in @functions.
 */
static void add_saved_summaries(const struct tree *t, json_t *functions,
				const struct strvec *files, struct digest *d)
{
	char *path = summaries_path(t);
	json_t *saved = json_load_file(path, 0, NULL), *outside = json_array();
	json_t *s;
	size_t i;

	json_array_foreach(saved, i, s)
		if (json_is_object(s) && !sv_contains(files, jstr(s, "file")))
			json_array_append(outside, s);
	summaries_add(functions, d->seen, outside);
	json_decref(outside);
	json_decref(saved);
	free(path);
}

static void bump(json_t *counts, const char *key)
{
	json_t *n = json_object_get(counts, key);

	jset(counts, key, json_integer(n ? json_integer_value(n) + 1 : 1));
}

/*
 * scan.json's "summary": entry points by kind, late ones by the work and
 * by what the late path costs KSM (analysis/annotate.c).
 */
static json_t *summarize(json_t *scan)
{
	json_t *by_type = json_object(), *by_sub = json_object();
	json_t *fops = json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i}",
				 "late", 0, "early", 0, "shmem", 0,
				 "generic_file_mmap", 0, "late_special", 0,
				 "late_mechanical", 0, "late_unresolved", 0);
	json_t *impact = json_pack("{s:i, s:i, s:i, s:i, s:i}", "lost", 0,
				   "conditional", 0, "unknown", 0,
				   "none-special", 0, "none-shared-only", 0);
	json_t *e, *files = json_object_get(scan, "files");
	size_t i;

	json_array_foreach(json_object_get(scan, "entries"), i, e) {
		const char *path = jstr(e, "ksm_path"), *note = jstr(e, "note");

		bump(by_type, jstr(e, "ops_type"));
		bump(by_sub, jstr(e, "subsystem"));
		if (*path)
			bump(fops, path);
		if (*path && !strcmp(note, "shmem"))
			bump(fops, "shmem");
		if (*path && str_starts(note, "generic_file"))
			bump(fops, "generic_file_mmap");
		if (strcmp(path, "late"))
			continue;
		if (*jstr(e, "ksm_impact"))
			bump(impact, jstr(e, "ksm_impact"));
		/* the three kinds of work a late entry needs */
		if (jtrue(e, "special"))
			bump(fops, "late_special");
		else if (json_array_size(json_object_get(e, "unresolved")))
			bump(fops, "late_unresolved");
		else
			bump(fops, "late_mechanical");
	}
	jset(fops, "ksm_impact", impact);
	return jnew(json_pack("{s:I, s:o, s:o, s:o, s:O, s:I, s:I}",
		"entries", (json_int_t)json_array_size(json_object_get(scan, "entries")),
		"by_ops_type", by_type, "by_subsystem", by_sub,
		"file_operations", fops,
		"parsed", json_object_get(files, "parsed"),
		"degraded", (json_int_t)json_array_size(json_object_get(files, "degraded")),
		"failed", (json_int_t)json_array_size(json_object_get(files, "failed"))));
}

/*
 * The candidates whose names are not UTF-8 move from @files to @bad: no
 * JSON document can name them, so they are not parsed but listed failed.
 */
static void split_unnamable(struct strvec *files, struct strvec *bad)
{
	size_t out = 0;

	for (size_t i = 0; i < files->n; i++) {
		if (utf8_valid(files->v[i]))
			files->v[out++] = files->v[i];
		else
			sv_take(bad, files->v[i]);
	}
	files->n = out;
	if (files->v)
		files->v[out] = NULL;
}

static void add_unnamable(json_t *scan, const struct strvec *bad)
{
	json_t *files = json_object_get(scan, "files");

	for (size_t i = 0; i < bad->n; i++)
		jpush(json_object_get(files, "failed"), json_pack("{s:o, s:s}",
			"file", jtext(bad->v[i]), "reason",
			"its name is not UTF-8 (not parsed)"));
	jset(files, "candidates",
	     json_integer(jint(files, "candidates") + bad->n));
}

void scan_run(struct tree *t, const struct scan_opts *o, struct scan_result *r)
{
	double t0 = now_seconds(), t1, t2;
	struct strvec files = { 0 }, bad = { 0 };
	struct pch_set *ps = NULL;
	struct symindex *ix = NULL;
	struct compdb *db;
	struct job *jobs;
	json_t *functions = json_array(), *links = links_new();
	struct digest d = { XXH3_createState(), false, json_object() };
	size_t extra = 0;

	if (!d.h || XXH3_64bits_reset(d.h) != XXH_OK)
		die(EXIT_INTERNAL, "out of memory");
	memset(r, 0, sizeof(*r));
	scan_setup(t, o, &db);
	scan_candidates(t, o, &files, false);
	/* a scratch prepare may still run: build the index meanwhile */
	if (!o->no_ondemand)
		ix = symindex_open(t);
	scan_ready(t, o);
	split_unnamable(&files, &bad);
	jobs = make_jobs(t, o, db, &files);
	t1 = now_seconds();
	if (!o->no_pch) {
		struct pool_opts po = { .width = o->jobs, .timeout = o->timeout,
					.progress = o->progress };
		struct strvec peers = { 0 };

		if (o->flags && files.n)
			dir_peers(t, files.v[0], &peers);
		ps = pch_plan(t, jobs, files.n, &peers, &po);
		sv_free(&peers);
	}
	parse_jobs(t, o, ps, jobs, files.n, "parse", r);
	t2 = now_seconds();
	r->scan = merge_facts(t, jobs, files.n);
	add_unnamable(r->scan, &bad);
	sv_free(&bad);
	add_functions(functions, links, jobs, files.n, &d);
	if (!o->no_ondemand)
		extra = parse_on_demand(t, o, db, ps, ix, r->scan, functions,
					links, &files, &d, r);
	symindex_free(ix);
	if (o->flags)
		add_saved_summaries(t, functions, &files, &d);
	else if (!o->nonly)
		save_summaries(t, functions, &d);
	r->functions = analyze(t, r->scan, functions, links);
	jset(json_object_get(r->scan, "files"), "on_demand",
	     json_integer(extra));
	jset(r->scan, "summary", summarize(r->scan));
	/* the summaries live on in the jobs' documents until here */
	jobs_free(jobs, files.n);
	XXH3_freeState(d.h);
	json_decref(d.seen);
	json_decref(functions);
	pch_free(ps);
	json_decref(links);
	r->files = files.n;
	r->setup = t1 - t0;
	r->parse = t2 - t1;
	r->analysis = now_seconds() - t2;
	sv_free(&files);
	compdb_free(db);
}

void scan_result_free(struct scan_result *r)
{
	json_decref(r->scan);
	json_decref(r->functions);
	memset(r, 0, sizeof(*r));
}
