// SPDX-License-Identifier: GPL-2.0
/*
 * The tree's C sources and headers: every .c and .h file below KDIR,
 * except in the top-level directories that hold no kernel code (or only
 * host tools).  The text pass (select.c) and the symbol index
 * (analysis/symindex.c) both walk the tree through here, so they agree on
 * what the tree's code is.
 */
#define _GNU_SOURCE
#include "tree/tree.h"

#include <fts.h>
#include <string.h>
#include <xxhash.h>

static const char *const skip_dirs[] = {
	".git", "Documentation", "tools", "scripts", "usr", "LICENSES", NULL,
};

static bool skipped(const char *rel)
{
	for (int i = 0; skip_dirs[i]; i++)
		if (!strcmp(rel, skip_dirs[i]))
			return true;
	return false;
}

void tree_sources(const struct tree *t, source_fn fn, void *ctx)
{
	char *roots[] = { t->kdir, NULL };
	FTS *fts = fts_open(roots, FTS_PHYSICAL | FTS_NOCHDIR, NULL);
	FTSENT *e;

	if (!fts)
		die(EXIT_UNREADABLE, "%s: cannot list files", t->kdir);
	while ((e = fts_read(fts))) {
		const char *rel = path_rel(e->fts_path, t->kdir);

		if (e->fts_info == FTS_D && e->fts_level == 1 && skipped(rel))
			fts_set(fts, e, FTS_SKIP);
		else if (e->fts_info == FTS_F &&
			 (str_ends(rel, ".c") || str_ends(rel, ".h")))
			fn(rel, e->fts_path, e->fts_statp, ctx);
	}
	fts_close(fts);
}

struct fingerprint {
	source_fn fn;
	void *ctx;
	uint64_t sum;
};

static void add_fingerprint(const char *rel, const char *abs,
			    const struct stat *st, void *ctx)
{
	struct fingerprint *f = ctx;
	struct {
		off_t size;
		struct timespec mtime;
	} meta = { st->st_size, st->st_mtim };

	/* a sum: the walk's order does not matter */
	f->sum += XXH3_64bits_withSeed(rel, strlen(rel),
				       XXH3_64bits(&meta, sizeof(meta)));
	f->fn(rel, abs, st, f->ctx);
}

/* The last fingerprint taken, and of which tree: a scan walks it once. */
static struct {
	char *kdir;
	uint64_t sum;
} last;

uint64_t tree_sources_fingerprint(const struct tree *t, source_fn fn,
				  void *ctx)
{
	struct fingerprint f = { fn, ctx, 0 };

	tree_sources(t, add_fingerprint, &f);
	free(last.kdir);
	last.kdir = xstrdup(t->kdir);
	last.sum = f.sum;
	return f.sum;
}

static void no_source(const char *rel, const char *abs, const struct stat *st,
		      void *ctx)
{
}

uint64_t tree_sources_stamp(const struct tree *t)
{
	if (last.kdir && !strcmp(last.kdir, t->kdir))
		return last.sum;
	return tree_sources_fingerprint(t, no_source, NULL);
}
