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

#include <fcntl.h>
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

static int write_blob(const char *dest, struct blob *b, const char *data,
		      size_t size)
{
	char *path = path_join(dest, b->path), *slash = strrchr(path, '/');
	int ret = -1, fd;

	*slash = '\0';
	if (mkdir_p(path))
		goto out;
	*slash = '/';
	if (b->mode == 0120000) {
		char *target = xstrndup(data, size);

		ret = symlink(target, path);
		free(target);
		goto out;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC,
		  b->mode & 0111 ? 0755 : 0644);
	if (fd < 0)
		goto out;
	ret = write(fd, data, size) == (ssize_t)size ? 0 : -1;
	if (close(fd))
		ret = -1;
out:
	free(path);
	return ret;
}

/* Read cat-file's answers, one per blob, writing each file. */
static int read_batch(FILE *in, const char *dest, struct blob *b, size_t n,
		      size_t *missing)
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
		    write_blob(dest, &b[i], data, size))
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
	char tmpl[] = "/tmp/mmprep-track-list-XXXXXX";
	int fd = mkstemp(tmpl), out, ret = -1;
	FILE *list = fd < 0 ? NULL : fdopen(fd, "w"), *in;
	struct blob *b;
	size_t n;
	pid_t pid;

	*missing = 0;
	if (!list)
		return -1;
	b = list_blobs(repo, commit, list, &n);
	if (fclose(list) || !b || (pid = cat_file(repo, tmpl, &out)) < 0)
		goto out;
	in = fdopen(out, "r");
	if (in) {
		ret = read_batch(in, dest, b, n, missing);
		fclose(in);
	} else {
		close(out);
	}
	if (proc_wait(pid))
		ret = -1;
out:
	unlink(tmpl);
	for (size_t i = 0; b && i < n; i++)
		free(b[i].path);
	free(b);
	return ret;
}
