/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers shared by the driver (mmprep) and the parse worker
 * (mmprep-parse): allocation that cannot fail, growable string vectors,
 * file reading.
 */
#ifndef MMPREP_COMMON_UTIL_H
#define MMPREP_COMMON_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * Exit codes.  Each kind of bad input has its own code so that scripts
 * (and the test suite) can tell them apart; they are documented in
 * README.md and mmprep(1).
 */
enum mmprep_exit {
	EXIT_OK = 0,
	EXIT_INTERNAL = 1,	/* a bug or an unexpected system error */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_NO_KDIR = 3,	/* KDIR missing or not a directory */
	EXIT_NOT_KERNEL = 4,	/* KDIR is not a kernel source tree */
	EXIT_UNREADABLE = 5,	/* a file named on the command line is unreadable */
	EXIT_BAD_COMPDB = 6,	/* compile_commands.json is corrupt */
	EXIT_NO_LIBCLANG = 7,	/* the parse worker cannot load libclang */
	EXIT_OUTPUT = 8,	/* cannot write the reports */
	EXIT_NO_FUNCTION = 9,	/* explain: function not found */
};

struct strvec {
	char **v;
	size_t n;
	size_t cap;
};

/* A string that grows at its end; sb_take() hands it over. */
struct sbuf {
	char *s;
	size_t n, cap;
};
void sb_addn(struct sbuf *b, const char *s, size_t n);
void sb_add(struct sbuf *b, const char *s);
char *sb_take(struct sbuf *b);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void die(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
/*
 * Called by die() instead of exit() when set, and must not return: the
 * fuzz targets (tests/fuzz) jump back to their loop, as bad input ends a
 * run of mmprep with its exit code but must not end a fuzzer.
 */
extern void (*die_hook)(int code);
void warnx_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void sv_push(struct strvec *sv, const char *s);
void sv_pushf(struct strvec *sv, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sv_take(struct strvec *sv, char *s);
bool sv_contains(const struct strvec *sv, const char *s);
void sv_sort_uniq(struct strvec *sv);
void sv_free(struct strvec *sv);

char *read_file(const char *path, size_t *len);
int write_file(const char *path, const char *data, size_t len);
bool is_dir(const char *path);
bool is_file(const char *path);
int mkdir_p(const char *path);
/* @a/@b; @b itself when it is absolute (for trusted names only). */
char *path_join(const char *a, const char *b);
/*
 * A name from outside (a tree's Kbuild file, a git tree, a scan.json) as
 * a path below @dir: NULL unless it is relative, and none of its
 * components is empty, "." or "..".  Such a name cannot leave @dir
 * (but for symlinks already inside it).
 */
bool path_is_plain(const char *name);
char *path_below(const char *dir, const char *name);
/* Does @path, symlinks resolved, lie in @dir (resolved) or below it? */
bool path_inside(const char *path, const char *dir);
/*
 * A directory for this user alone, for predictable names in shared
 * places ($TMPDIR): created mode 0700, or else it must be a directory
 * (not a symlink) owned by this user and closed to others.  0, or -1.
 */
int private_dir(const char *path);
/* $TMPDIR, else /tmp */
const char *tmp_dir(void);
const char *path_rel(const char *path, const char *base);
char *path_dir(const char *file);
/*
 * A header of include/ or arch/<arch>/include/ (@rel relative to KDIR), or
 * one outside the tree (generated): shared by many files, so what it
 * defines is no one file's.  Only such headers go into a precompiled
 * header.
 */
bool path_is_shared(const char *rel);
bool str_starts(const char *s, const char *prefix);
/* Is @s valid UTF-8 (what JSON strings must be)? */
bool utf8_valid(const char *s);
/* @s with every byte that is not part of valid UTF-8 as U+FFFD. */
char *utf8_lossy(const char *s);
bool str_ends(const char *s, const char *suffix);
/* CLOCK_MONOTONIC in seconds, for the timings a command prints. */
double now_seconds(void);

#endif
