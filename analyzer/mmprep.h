/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mmprep driver.  A scan runs these phases, one file each:
 *
 *   tree.c     the kernel tree: checks, version, architecture
 *   kbuild.c   a configured build directory and Kbuild's compile flags
 *   shim.c     stand-in generated headers for a tree that cannot be prepared
 *   makeflags.c  the per-directory ccflags of the tree's Makefiles
 *   compdb.c   compile_commands.json, when the tree has one
 *   select.c   the text pass that picks the files worth parsing
 *   pool.c     parse workers (mmprep-parse), one process per file
 *   merge.c    facts of all files combined into entry points
 *   report.c   scan.json, scan.txt and the summary
 */
#ifndef MMPREP_H
#define MMPREP_H

#include "util.h"
#include "jsonget.h"

#include <jansson.h>

#define MMPREP_VERSION "0.1.0"

struct tree {
	char *kdir;		/* absolute, no trailing slash */
	char *name;		/* basename, names the report directory */
	char *version;		/* from the top Makefile: "7.0.0" */
	char *arch;		/* SRCARCH: x86, arm64, ... */
	char *objdir;		/* build directory with generated headers */
	const char *config;	/* how objdir came to be, see kbuild.c */
	bool configured;	/* the tree itself (or O=) is configured */
	char *shimdir;		/* stand-in generated headers, or NULL */
	char *compdb;		/* compile_commands.json in use, or NULL */
	char *cachedir;		/* mmprep's cache for this tree */
};

struct scan_opts {
	const char *kdir;
	const char *objdir;	/* O= */
	const char *arch;
	const char *reports;
	const char *compdb;	/* explicit compile_commands.json */
	int jobs;
	int timeout;		/* seconds per file */
	bool no_prepare;
	bool no_ondemand;
	bool list;		/* print the candidates only */
	bool quiet;
	const char **only;	/* restrict to these files (tests, CHECK) */
	int nonly;
};

/* tree.c */
void tree_open(struct tree *t, const struct scan_opts *o);
char *cache_root(void);

/* kbuild.c */
void kbuild_setup(struct tree *t, const struct scan_opts *o);
void kbuild_toolchain_flags(const struct tree *t, struct strvec *args);
void kbuild_flags(const struct tree *t, const char *relfile,
		  struct strvec *args);

/* shim.c */
void shim_write(const struct tree *t);

/* makeflags.c */
void makefile_flags(const struct tree *t, const char *reldir,
		    const char *base, struct strvec *args);

/* compdb.c */
struct compdb;
struct compdb *compdb_load(const char *path, const char *kdir);
bool compdb_flags(struct compdb *db, const char *absfile,
		  struct strvec *args);
const char *compdb_objdir(struct compdb *db);
void compdb_free(struct compdb *db);

/* select.c */
void select_candidates(const struct tree *t, struct strvec *files,
		       bool show_macros);

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
char *subsystem_of(const char *file);
json_t *merge_facts(const struct tree *t, struct job *jobs, size_t n);

/* report.c */
void report_write(const struct tree *t, json_t *scan, const char *dir);
void report_summary(json_t *scan, FILE *out);
void report_functions(json_t *functions, const char *dir);
void report_txt_entry(FILE *f, json_t *e);

/*
 * Further reports written next to scan.json (html.c, sarif.c, ...), each
 * registered in report_writers[] (report.c).
 */
typedef void (*report_writer_fn)(json_t *scan, const char *dir);
extern const report_writer_fn report_writers[];

/*
 * Subcommands besides scan, one file each.  A command line whose first
 * word is an option is kbuild running mmprep as its CHECK tool.
 */
int cmd_scan(int argc, char **argv);
int cmd_explain(int argc, char **argv);	/* explain.c */
int cmd_track(int argc, char **argv);	/* track.c */
int cmd_patches(int argc, char **argv);	/* patches.c */
int cmd_check(int argc, char **argv);	/* check.c: kbuild CHECK= mode */

#endif
