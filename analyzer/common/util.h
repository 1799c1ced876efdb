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

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void die(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
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
char *path_join(const char *a, const char *b);
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
bool str_ends(const char *s, const char *suffix);
/* CLOCK_MONOTONIC in seconds, for the timings a command prints. */
double now_seconds(void);

#endif
