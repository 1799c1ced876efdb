/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A scan of one tree, from its candidate files to the scan.json document:
 *
 *   scan.c   scan_run(): setup, parse, merge, on-demand helpers, analysis
 *   pool.c   parse workers (mmprep-parse), long-lived, a file at a time
 *   pch.c    shared precompiled headers for groups of files (see pch.h)
 *   cache.c  the per-file facts cache (see cache.h)
 *   merge.c  the facts of every file combined into entry points
 *
 * "mmprep scan", "mmprep track" and the kbuild CHECK= mode all scan
 * through scan_run(); writing the reports is the caller's business.
 */
#ifndef MMPREP_SCAN_H
#define MMPREP_SCAN_H

#include "tree/tree.h"

struct scan_opts {
	const char *kdir;
	const char *objdir;	/* O= */
	const char *arch;
	const char *compdb;	/* explicit compile_commands.json */
	int jobs;
	int timeout;		/* seconds per file */
	bool no_prepare;
	bool no_ondemand;
	bool no_pch;		/* parse every file on its own */
	bool quiet;		/* nothing on stderr but failures */
	bool progress;		/* a progress line on stderr */
	const char **only;	/* restrict to these files (tests, CHECK) */
	int nonly;
	/*
	 * The complete clang flags of the only file, as kbuild gave them
	 * (CHECK= mode): no build directory is set up and no compile
	 * database is read.
	 */
	const struct strvec *flags;
};

struct scan_result {
	json_t *scan;		/* scan.json, "summary" included */
	json_t *functions;	/* functions.json */
	size_t files;		/* candidates parsed, helpers not counted */
	double setup;		/* seconds: tree, flags, text pass */
	double parse;		/* seconds: the candidates */
	double analysis;	/* seconds: helpers on demand and fixpoint */
	double parse_cpu;	/* CPU seconds of the workers' parses */
	size_t parses;		/* files the workers parsed (not cached) */
};

/* scan.c */
void scan_setup(struct tree *t, const struct scan_opts *o,
		struct compdb **db);
void scan_ready(struct tree *t, const struct scan_opts *o);
void scan_candidates(const struct tree *t, const struct scan_opts *o,
		     struct strvec *files, bool show_macros);
void scan_run(struct tree *t, const struct scan_opts *o,
	      struct scan_result *r);
void scan_result_free(struct scan_result *r);

/* pool.c */
struct pch {
	char *key;		/* what it holds: part of its files' facts keys */
	char *path;		/* the precompiled header */
	char *facts;		/* its document (worker/pch.c) */
};
struct job {
	char *file;		/* relative to KDIR, or absolute */
	struct strvec args;	/* clang arguments */
	json_t *facts;		/* the worker's document, once done */
	char *failure;		/* why there are no facts */
	const struct pch *pch;	/* parse with this one (pch.c), or NULL */
	char *no_pch;		/* why it was not given its group's PCH */
	char *build_pch;	/* precompile @file into this path instead */
	uint64_t facts_hash;	/* of the cache entry @facts came from, or 0 */
};
struct pool_opts {
	int width;		/* workers */
	int timeout;		/* seconds per file */
	bool progress;		/* a progress line on stderr */
	const char *what;	/* on it: "parse", "PCH", ... */
	bool keep;		/* store each file's facts in the cache */
	double cpu;		/* out: CPU seconds the workers used */
	size_t parsed;		/* out: files the workers were given */
};
void job_init(struct job *j, const struct tree *t, struct compdb *db,
	      const char *file);
void jobs_free(struct job *jobs, size_t n);
void pool_probe(void);
/* The jobs that have no facts yet; the cache is the caller's business. */
void pool_run(const struct tree *t, struct job *jobs, size_t n,
	      struct pool_opts *po);
const char *worker_path(void);

/* pch.c: see pch.h */
struct pch_set;
struct pch_stats {
	size_t pchs;		/* PCHs in use */
	size_t built;		/* of them, built in this run */
	double build_seconds;	/* wall time of the builds */
	double build_cpu;	/* CPU seconds of the builds */
	size_t files;		/* files parsed with one */
	struct strvec fallbacks;	/* "file: why" of those parsed without */
};
/*
 * Groups the candidates, finds or builds their PCHs; @peers, files of the
 * first job's group that are not parsed, count for its headers.
 */
struct pch_set *pch_plan(const struct tree *t, struct job *jobs, size_t n,
			 const struct strvec *peers, struct pool_opts *po);
/* Gives @jobs (candidates or helpers) the PCHs of their groups. */
void pch_offer(struct pch_set *s, struct job *jobs, size_t n);
/* Builds for this tree the PCHs of the jobs without facts. */
void pch_ready(struct pch_set *s, struct job *jobs, size_t n,
	       struct pool_opts *po);
/* Counts the files parsed (@fresh) with their PCH and without. */
void pch_count(struct pch_set *s, struct job *jobs, size_t n,
	       const bool *fresh);
void pch_get_stats(struct pch_stats *st);
void pch_free(struct pch_set *s);

/* merge.c */
json_t *merge_facts(const struct tree *t, struct job *jobs, size_t n);

#endif
