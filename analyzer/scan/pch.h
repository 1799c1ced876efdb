/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared precompiled headers.  Most of a file's parse is the headers it
 * includes, and most files include the same ones: a group of files with
 * the same flags (but for the per-file KBUILD_* defines and the file's own
 * directory) shares one PCH of the headers most of them include.
 *
 *   pch.c        groups, the headers chosen from the tree's own #include
 *                lines, which files may use the PCH, what it cost
 *   pch_build.c  building a PCH, and the cache of what each holds
 *
 * A PCH is keyed by the flags and headers it was chosen with ("key1"),
 * and known by what it holds ("key": key1 and the content of every header
 * inside): $MMPREP_CACHE/pch/<key1>.json lists the variants met, so that
 * reruns and track revisions that leave those headers alone find theirs
 * without building.  The PCH itself names the tree's files by path, so it
 * is built once per tree, in the tree's cache directory.
 *
 * The facts of a file parsed with a PCH are those of a plain parse (see
 * worker/replay.c).  A file is not given one when it defines, before its
 * last #include <...>, a macro the PCH's headers test (DEBUG,
 * CREATE_TRACE_POINTS, ...); the worker parses it again without it when
 * it uses what a header of the PCH it never includes declares
 * (worker/replay.c).  Such files are counted in pch_stats.
 */
#ifndef MMPREP_PCH_H
#define MMPREP_PCH_H

#include "scan/scan.h"

struct pch_group {
	char *name;		/* its flags joined: the group's identity */
	struct strvec args;	/* the flags, per-file ones left out */
	size_t *members;	/* indices of its files among the candidates */
	size_t nmembers;
	struct strvec peers;	/* files not parsed here, whose #include lines count */
	struct strvec headers;	/* chosen, in order */
	char *key1;		/* flags and headers as chosen */
	struct pch pch;		/* pch.key is set once known */
	struct strvec tested;	/* macros its headers test */
	bool here;		/* built for this tree already */
	bool dead;		/* it cannot be built */
};

struct pch_set {
	const struct tree *t;
	struct pch_group *g;
	size_t ng;
	json_t *early;		/* file -> macros it sets early, once read */
	size_t built;		/* PCHs built in this run */
	double build_wall;	/* seconds building them */
	double build_cpu;	/* CPU seconds of it */
};

/* pch_build.c */
/* The flags a PCH of @g is built with (see pch_build.c). */
void pch_build_args(const struct pch_group *g, struct strvec *out);
/* Known from the cache: sets pch.key, tested, here. */
bool pch_find(struct pch_set *s, struct pch_group *g);
/* Build @gs; those that cannot be built are marked dead. */
void pch_build(struct pch_set *s, struct pch_group **gs, size_t n,
	       struct pool_opts *po);

#endif
