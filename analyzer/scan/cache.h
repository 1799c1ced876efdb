/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-file facts cache ($MMPREP_CACHE/facts): a worker's document,
 * keyed by what it was computed from, so that a file parsed once is not
 * parsed again while neither it nor what it includes changes.  Scanning a
 * second revision of a tree then costs about its changed files.
 *
 * The key is a hash of the worker binary, the tool version, the file's
 * path and content, and its clang arguments with the tree's own paths
 * made neutral (so that the same revision unpacked elsewhere still hits),
 * and the key of the precompiled header it is parsed with, if any.
 * An entry is valid while the headers it was parsed with are unchanged:
 * the exact list when the worker reports its inclusions, else every header
 * of include/, arch/<arch>/include, the generated ones and those in the
 * file's own and -I directories.
 *
 * MMPREP_NO_CACHE=1 turns it off.
 */
#ifndef MMPREP_CACHE_H
#define MMPREP_CACHE_H

#include "scan/scan.h"

struct cache_stats {
	size_t cached;		/* facts taken from the cache */
	size_t parsed_fresh;	/* facts from a worker run */
	size_t stored;		/* of those, written to the cache */
};

/*
 * Fill the facts of every job that has a valid entry; returns how many.
 * @worker is the parse worker's binary, part of every key.
 */
size_t cache_fill(const struct tree *t, const char *worker, struct job *jobs,
		  size_t n);
/* Keep the facts of a job the worker @worker has just parsed. */
void cache_store(const struct tree *t, const char *worker, struct job *j);
/* Counts since the process started. */
void cache_get_stats(struct cache_stats *s);

/*
 * For the PCHs (pch.c): a key made of @words, with the tree's own paths
 * made neutral, and the worker binary.
 */
char *cache_key_words(const struct tree *t, const char *worker,
		      const struct strvec *words);
/* { neutral path: content hash } of the headers in @list (paths as in facts) */
json_t *cache_deps(const struct tree *t, json_t *list);
/* Are the headers of @deps unchanged? */
bool cache_deps_valid(const struct tree *t, json_t *deps);

/* $MMPREP_CACHE/facts, allocated */
char *cache_facts_dir(void);
/* Number of entries and bytes below @dir. */
void cache_usage(const char *dir, size_t *entries, unsigned long long *bytes);

#endif
