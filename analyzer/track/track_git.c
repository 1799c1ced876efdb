// SPDX-License-Identifier: GPL-2.0
/*
 * A revision's files read blob by blob, for repositories "git archive"
 * cannot export whole: a partial clone (--filter=blob:...) lacks some
 * blobs, and archive stops at the first.  Here a missing blob costs its
 * own file only; the caller reports how many are missing, as the scan of
 * that revision may then lack entries.
 *
 * git ls-tree -r -z COMMIT names the blobs, git cat-file --batch reads
 * them in the same order; nothing is fetched (GIT_NO_LAZY_FETCH).
 */
#define _GNU_SOURCE
#include "track/track.h"
#include "common/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <fts.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct blob {
	char *path;
	unsigned mode;		/* 100644, 100755 or 120000 */
};

/* "<mode> blob <sha>\t<path>\0" records; the shas go to @list. */
static struct blob *list_blobs(const char *repo, const char *commit,
			       FILE *list, size_t *n)
{
	char *argv[] = { "git", "-C", (char *)repo, "ls-tree", "-r", "-z",
			 "--full-tree", (char *)commit, NULL };
	size_t len, cap = 0;
	char *text = proc_output(argv, &len), *p, *end;
	struct blob *b = NULL;

	*n = 0;
	if (!text)
		return NULL;
	for (p = text, end = text + len; p < end; p += strlen(p) + 1) {
		char *tab = strchr(p, '\t'), *sha;

		/* submodules ("commit") have no content here */
		if (!tab || !strstr(p, " blob "))
			continue;
		sha = strstr(p, " blob ") + 6;
		if (*n == cap) {
			cap = cap ? cap * 2 : 4096;
			b = xrealloc(b, cap * sizeof(*b));
		}
		b[*n].mode = (unsigned)strtoul(p, NULL, 8);
		b[(*n)++].path = xstrdup(tab + 1);
		fprintf(list, "%.*s\n", (int)(tab - sha), sha);
	}
	free(text);
	return b;
}

/*
 * Does a symlink at @rel (a plain path) pointing to @target stay inside
 * the tree?  Absolute targets and those that climb above the top leave it.
 */
static bool link_inside(const char *rel, const char *target)
{
	int depth = 0;

	if (target[0] == '/' || !*target)
		return false;
	for (const char *p = rel; (p = strchr(p, '/')); p++)
		depth++;
	for (const char *p = target; *p;) {
		size_t n = strcspn(p, "/");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			depth--;
		else if (n && !(n == 1 && p[0] == '.'))
			depth++;
		if (depth < 0)
			return false;
		p += n + !!p[n];
	}
	return true;
}

/*
 * The directory of @rel below @dfd, created as needed, entered without
 * following a symlink: a tree with "a" -> /home/x and "a/file" would
 * otherwise write through it.  A descriptor, or -1.
 */
static int open_parent(int dfd, char *rel, char **last)
{
	char *p = rel, *slash;
	int fd = dup(dfd);

	while (fd >= 0 && (slash = strchr(p, '/'))) {
		int next;

		*slash = '\0';
		if (mkdirat(fd, p, 0755) && errno != EEXIST)
			next = -1;
		else
			next = openat(fd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
		*slash = '/';
		close(fd);
		fd = next;
		p = slash + 1;
	}
	*last = p;
	return fd;
}

/*
 * One blob below @dfd.  A path that would leave the tree ("..", absolute)
 * or a symlink pointing out of it is left out and counted in @unsafe;
 * two blobs of one path (only a crafted tree has them) are an error.
 */
static int write_blob(int dfd, struct blob *b, const char *data, size_t size,
		      size_t *unsafe)
{
	char *rel = xstrdup(b->path), *last, *target = NULL;
	int ret = -1, fd, dir;

	if (!path_is_plain(rel) || (b->mode == 0120000 &&
	    !link_inside(rel, target = xstrndup(data, size)))) {
		warnx_("%s: left out, it would point outside the tree", rel);
		(*unsafe)++;
		ret = 0;
		goto out;
	}
	dir = open_parent(dfd, rel, &last);
	if (dir < 0)
		goto out;
	if (b->mode == 0120000) {
		ret = symlinkat(target, dir, last);
	} else {
		fd = openat(dir, last, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
			    b->mode & 0111 ? 0755 : 0644);
		if (fd >= 0) {
			ret = write(fd, data, size) == (ssize_t)size ? 0 : -1;
			if (close(fd))
				ret = -1;
		}
	}
	if (ret)
		warnx_("%s: cannot write %s: %s", b->path, last, strerror(errno));
	close(dir);
out:
	free(target);
	free(rel);
	return ret;
}

/* Read cat-file's answers, one per blob, writing each file. */
static int read_batch(FILE *in, int dfd, struct blob *b, size_t n,
		      size_t *missing, size_t *unsafe)
{
	char *line = NULL, *data = NULL;
	size_t cap = 0, dcap = 0;
	int ret = 0;

	for (size_t i = 0; i < n && ret == 0; i++) {
		unsigned long size;

		if (getline(&line, &cap, in) < 0) {
			ret = -1;
			break;
		}
		if (strstr(line, " missing")) {
			(*missing)++;
			continue;
		}
		if (sscanf(line, "%*s blob %lu", &size) != 1) {
			ret = -1;
			break;
		}
		if (size + 1 > dcap) {
			dcap = size + 1;
			data = xrealloc(data, dcap);
		}
		if (fread(data, 1, size + 1, in) != size + 1 ||
		    write_blob(dfd, &b[i], data, size, unsafe))
			ret = -1;
	}
	free(line);
	free(data);
	return ret;
}

static pid_t cat_file(const char *repo, const char *list, int *out)
{
	static const char *const env[] = { "GIT_NO_LAZY_FETCH=1", NULL };
	char *argv[] = { "git", "-C", (char *)repo, "cat-file", "--batch",
			 NULL };
	struct proc p = { .argv = argv, .in = list, .pipe_out = out,
			  .env = env };

	return proc_start(&p);
}

int track_extract_blobs(const char *repo, const char *commit,
			const char *dest, size_t *missing)
{
	/* next to @dest, in the caller's private directory */
	char *listpath = xasprintf("%s.blobs", dest);
	int fd, out, ret = -1, dfd = open(dest, O_RDONLY | O_DIRECTORY);
	FILE *list, *in;
	struct blob *b = NULL;
	size_t n, unsafe = 0;
	pid_t pid;

	*missing = 0;
	unlink(listpath);
	fd = open(listpath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
	list = fd < 0 ? NULL : fdopen(fd, "w");
	if (!list || dfd < 0) {
		if (list)
			fclose(list);
		else if (fd >= 0)
			close(fd);
		goto out;
	}
	b = list_blobs(repo, commit, list, &n);
	if (fclose(list) || !b || (pid = cat_file(repo, listpath, &out)) < 0)
		goto out;
	in = fdopen(out, "r");
	if (in) {
		ret = read_batch(in, dfd, b, n, missing, &unsafe);
		fclose(in);
	} else {
		close(out);
	}
	if (proc_wait(pid))
		ret = -1;
	if (unsafe)
		warnx_("%s: %zu paths of %s left out: they point outside the "
		       "tree", repo, unsafe, commit);
out:
	if (dfd >= 0)
		close(dfd);
	unlink(listpath);
	free(listpath);
	for (size_t i = 0; b && i < n; i++)
		free(b[i].path);
	free(b);
	return ret;
}

/*
 * A symlink of an extracted tree that points out of it ("git archive"
 * and tar keep them) would let a parse read a file of the user's, and
 * its first tokens reach the reports: remove them, and dangling ones.
 */
void track_drop_escaping_links(const char *dir)
{
	char *roots[] = { (char *)dir, NULL };
	FTS *fts = fts_open(roots, FTS_PHYSICAL | FTS_NOCHDIR, NULL);
	FTSENT *e;

	while (fts && (e = fts_read(fts))) {
		char target[4096];
		ssize_t n;

		if (e->fts_info != FTS_SL && e->fts_info != FTS_SLNONE)
			continue;
		n = readlink(e->fts_path, target, sizeof(target) - 1);
		if (n < 0)
			continue;
		target[n] = '\0';
		/* resolved: "d/s" -> ".." makes "d/t" -> "s/../.." leave */
		if (path_inside(e->fts_path, dir))
			continue;
		warnx_("%s: removed, a symlink out of the tree (%s)",
		       e->fts_path, target);
		unlink(e->fts_path);
	}
	if (fts)
		fts_close(fts);
}
