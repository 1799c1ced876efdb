/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel tree being scanned, and how its files are compiled:
 *
 *   tree.c       is KDIR a kernel tree: version, architecture, cache dir
 *   sources.c    the tree's .c and .h files, minus what holds no kernel code
 *   kbuild.c     a configured build directory and Kbuild's compile flags
 *   shim.c       stand-in generated headers for a tree that cannot be prepared
 *   makeflags.c  the per-directory ccflags of the tree's Makefiles
 *   makefile.c   make's language, as far as Kbuild files need it
 *   makeexpand.c its $(references) and text functions (make.h)
 *   built.c      which .c files the configuration builds
 *   compdb.c     compile_commands.json, and the one filter of compiler flags
 *   select.c     the text pass that picks the files worth parsing
 *   directives.c the preprocessor lines of a file, read as text
 *
 * Nothing here writes inside KDIR.
 */
#ifndef MMPREP_TREE_H
#define MMPREP_TREE_H

#include "common/json.h"
#include "common/util.h"

#include <stdint.h>
#include <sys/stat.h>

struct built;

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
	char *prepare_log;	/* a prepare under way logs here (kbuild.c) */
	/*
	 * What the tree's own Makefiles say about every file's flags, read
	 * once per tree (never per process: track scans several trees):
	 */
	bool ms_extensions;	/* the top Makefile passes -fms-extensions */
	/*
	 * Up to 6.x Kbuild passed -D__KBUILD_MODNAME=kmod_<name>; 7.0 passes
	 * the bare name and MODULE_DEVICE_TABLE() adds "kmod_" itself.  The
	 * tree's scripts/Makefile.lib says which.
	 */
	bool kmod_prefix;
	struct built *built;	/* what the configuration builds, or NULL */
};

/* tree.c */
void tree_open(struct tree *t, const char *kdir, const char *arch);
void tree_free(struct tree *t);
char *cache_root(void);
char *subsystem_of(const char *file);
/*
 * Where a command writes (@kind "reports" or "patches"): @given, else
 * @kind/@name in the current directory, unless that lies inside one of
 * the @n trees @kdirs, which mmprep never writes; then it goes to
 * $MMPREP_CACHE/@kind/@name, and a @given inside one ends the run.
 */
char *tree_output_dir(const char *given, const char *kind, const char *name,
		      const char *const *kdirs, size_t n);

/* sources.c: calls @fn for every .c and .h file, in no fixed order. */
typedef void (*source_fn)(const char *rel, const char *abs,
			  const struct stat *st, void *ctx);
void tree_sources(const struct tree *t, source_fn fn, void *ctx);
/* The same, and a fingerprint of every file's path, size and mtime. */
uint64_t tree_sources_fingerprint(const struct tree *t, source_fn fn,
				  void *ctx);
/* That fingerprint, taken once per process and tree (the text pass's). */
uint64_t tree_sources_stamp(const struct tree *t);

/* kbuild.c */
void kbuild_setup(struct tree *t, const char *objdir, bool no_prepare,
		  bool quiet);
void kbuild_ready(struct tree *t);
void kbuild_toolchain_flags(const struct tree *t, struct strvec *args);
void kbuild_flags(const struct tree *t, const char *relfile,
		  struct strvec *args);

/* shim.c */
void shim_write(const struct tree *t);

/* makeflags.c */
void makefile_flags(const struct tree *t, const char *reldir,
		    const char *base, struct strvec *args);

/* makefile.c: variables, expansion, conditionals, include */
struct mk {
	json_t *vars;		/* name -> value, unexpanded */
	const struct mk *parent;	/* looked up when @vars has no value */
	json_t *exported;	/* names "export"ed */
	const char *root;	/* KDIR: include reads only below it */
	bool partial;		/* an object list made in a way not followed */
	size_t spent;		/* what reading it cost, see mk_spend() */
};
void mk_init(struct mk *m, const char *root);
void mk_free(struct mk *m);
const char *mk_get(const struct mk *m, const char *name);
void mk_set(struct mk *m, const char *name, const char *value);
char *mk_expand(struct mk *m, const char *s);
bool mk_eval_file(struct mk *m, const char *path, const char *dir);
void mk_logical_lines(char *text, struct strvec *lines);
/*
 * Spends @n of what reading one directory's Makefiles may cost (bytes
 * read, copied and expanded, patterns matched, objects listed); false,
 * and the lists not followed, once that is spent.
 */
bool mk_spend(struct mk *m, size_t n);

/*
 * built.c.  The states are ordered: a file listed twice takes the
 * higher one.
 */
enum built_state { BUILT_NO, BUILT_UNKNOWN, BUILT_YES };
void built_load(struct tree *t);
void built_free(struct built *b);
enum built_state built_file(const struct tree *t, const char *rel);
const char *built_name(enum built_state s);
/*
 * The object file @rel is linked into ("drivers/accel/habanalabs/
 * habanalabs.o", or its own "dir/x.o"), NULL when not known; that
 * object's files (NULL when not known); and whether two files belong to
 * one driver: one object when both are known, else one directory.
 */
const char *built_module(const struct tree *t, const char *rel);
json_t *built_module_files(const struct tree *t, const char *module);
bool built_same_driver(const struct tree *t, const char *a, const char *b);
/*
 * Which of @n definitions (their files) of one function a reference from
 * file @near binds to: one in a built file, the scanned arch's first,
 * then the nearest by path.  *@guessed tells that several files were as
 * good, so the nearest was a guess.  -1 when @n is 0.
 */
long built_pick(const struct tree *t, const char *near,
		const char *const *files, size_t n, bool *guessed);

/* compdb.c */
struct compdb;
struct compdb *compdb_open(struct tree *t, const char *explicit_path,
			   const char *objdir);
bool compdb_flags(struct compdb *db, const char *absfile,
		  struct strvec *args);
void compdb_free(struct compdb *db);
/*
 * The flags of a compiler command line (@argv, argv[0] excluded) that
 * shape the preprocessed source, with relative paths made absolute
 * against @dir: include paths, forced includes, defines, the C dialect.
 * Everything else (gcc-only code generation, flags that write files) is
 * dropped.  The words that are no option (the source file) go to @words
 * when it is not NULL.  compile_commands.json and the kbuild CHECK= mode
 * both use it.
 */
void compiler_flags_keep(char *const *argv, size_t argc, const char *dir,
			 struct strvec *out, struct strvec *words);

/* directives.c */
struct directives {
	struct strvec includes;	/* <...> headers included, in order */
	struct strvec early;	/* macros set before the last #include <> */
	struct strvec tested;	/* macros tested by #if and friends */
};
void directives_read(const char *text, struct directives *d);
/* Those of @file (relative to KDIR); false when unreadable. */
bool directives_file(const struct tree *t, const char *file,
		     struct directives *d);
void directives_free(struct directives *d);

/* select.c */
void select_candidates(const struct tree *t, struct strvec *files,
		       bool show_macros);
void select_store_files(const struct tree *t, const char *entry,
			const char *field, json_t *tables, struct strvec *out);

#endif
