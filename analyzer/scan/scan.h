/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A scan of one tree, from its candidate files to the scan.json document:
 *
 *   scan.c   scan_run(): setup, parse, merge, on-demand helpers, analysis
 *   pool.c   parse workers (mmprep-parse), one process per file
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
};

/* scan.c */
void scan_setup(struct tree *t, const struct scan_opts *o,
		struct compdb **db);
void scan_candidates(const struct tree *t, const struct scan_opts *o,
		     struct strvec *files, bool show_macros);
void scan_run(struct tree *t, const struct scan_opts *o,
	      struct scan_result *r);
void scan_result_free(struct scan_result *r);

/* pool.c */
struct job {
	char *file;		/* relative to KDIR */
	struct strvec args;	/* clang arguments */
	json_t *facts;		/* the worker's document, once done */
	char *failure;		/* why there are no facts */
};
void job_init(struct job *j, const struct tree *t, struct compdb *db,
	      const char *file);
void jobs_free(struct job *jobs, size_t n);
void pool_probe(void);
void pool_run(const struct tree *t, struct job *jobs, size_t n, int width,
	      int timeout, bool progress);
const char *worker_path(void);

/* merge.c */
json_t *merge_facts(const struct tree *t, struct job *jobs, size_t n);

#endif
