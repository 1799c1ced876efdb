// SPDX-License-Identifier: GPL-2.0
/*
 * mmprep track: how far .mmap_prepare has replaced .mmap, revision by
 * revision.
 *
 * Each revision is scanned exactly as "mmprep scan" would (scan_run(), in
 * this process, so the counts are the scan's counts).  Revisions come
 * from unpacked trees, or from a git repository: "git archive REV | tar
 * -x" into a temporary directory, so that the user's work tree and its
 * .git are only ever read.  The facts cache (cache.c) makes a revision
 * after the first cost about the files that changed.
 */
#define _GNU_SOURCE
#include "track/track.h"
#include "scan/cache.h"
#include "reports/reports.h"
#include "common/proc.h"
#include "mmprep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct rev {
	char *label;		/* v6.12, 1a2b3c4d5e6f, linux-source-6.1 */
	char *commit;		/* git only */
	char *kdir;		/* tree to scan */
	bool temporary;		/* kdir was extracted, remove it after */
	size_t missing;		/* blobs a partial clone lacks */
};

static void split_lines(char *text, struct strvec *out)
{
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
		if (*line)
			sv_push(out, line);
}

static void git_lines(const char *repo, struct strvec *out, char *a0,
		      char *a1, char *a2, char *a3, char *a4)
{
	char *argv[] = { "git", "-C", (char *)repo, a0, a1, a2, a3, a4, NULL };
	char *text = proc_output(argv, NULL);

	if (!text)
		die(EXIT_USAGE, "git %s %s %s failed in %s", a0, a1 ? a1 : "",
		    a2 ? a2 : "", repo);
	split_lines(text, out);
	free(text);
}

static char *git_commit(const char *repo, const char *rev)
{
	char *spec = xasprintf("%s^{commit}", rev);
	char *argv[] = { "git", "-C", (char *)repo, "rev-parse", "--verify",
			 "--quiet", spec, NULL };
	char *out = proc_output(argv, NULL);

	free(spec);
	if (!out || strlen(out) < 40)
		die(EXIT_USAGE, "%s: no such revision in %s", rev, repo);
	out[40] = '\0';
	return out;
}

static bool is_rc(const char *tag)
{
	return strstr(tag, "-rc") != NULL;
}

/* Release tags strictly between @a and @b, oldest first. */
static void tags_between(const char *repo, const char *a, const char *b,
			 struct strvec *out)
{
	struct strvec tags = { 0 };
	char *merged = xasprintf("--merged=%s", b);
	char *not = xasprintf("--no-merged=%s", a);

	git_lines(repo, &tags, "tag", "--sort=version:refname", merged, not,
		  NULL);
	for (size_t i = 0; i < tags.n; i++)
		if (!is_rc(tags.v[i]) && strcmp(tags.v[i], b))
			sv_push(out, tags.v[i]);
	sv_free(&tags);
	free(merged);
	free(not);
}

/* A..B: A, the release tags between, B; or every commit when none. */
static void expand_range(const char *repo, const char *spec,
			 struct strvec *out)
{
	const char *dots = strstr(spec, "..");
	char *a = xstrndup(spec, dots - spec), *b = xstrdup(dots + 2);
	char *range = xasprintf("%s..%s", a, b);
	struct strvec mid = { 0 };

	if (!*a || !*b)
		die(EXIT_USAGE, "%s: a range needs both ends (A..B)", spec);
	tags_between(repo, a, b, &mid);
	sv_push(out, a);
	if (mid.n) {
		for (size_t i = 0; i < mid.n; i++)
			sv_push(out, mid.v[i]);
		sv_push(out, b);
	} else {
		git_lines(repo, out, "rev-list", "--reverse", "--first-parent",
			  range, NULL);
	}
	sv_free(&mid);
	free(range);
	free(a);
	free(b);
}

static void expand_pattern(const char *repo, const char *spec,
			   struct strvec *out)
{
	struct strvec tags = { 0 };
	size_t before = out->n;

	git_lines(repo, &tags, "tag", "--sort=version:refname", "-l",
		  (char *)spec, NULL);
	for (size_t i = 0; i < tags.n; i++)
		if (!is_rc(tags.v[i]) || strstr(spec, "rc"))
			sv_push(out, tags.v[i]);
	sv_free(&tags);
	if (out->n == before)
		die(EXIT_USAGE, "%s: no tag matches in %s", spec, repo);
}

/*
 * A label names a directory of the reports and appears in each of them:
 * one path component, UTF-8, no control characters.
 */
static char *sanitize(const char *s)
{
	char *out = utf8_lossy(s);

	for (char *p = out; *p; p++)
		if (strchr("/ :~^", *p) || (unsigned char)*p < 0x20 ||
		    *p == 0x7f)
			*p = '_';
	if (!*out || !strcmp(out, ".") || !strcmp(out, "..")) {
		free(out);
		out = xstrdup("_");
	}
	return out;
}

/*
 * The label of a revision: its name, or a short hash for a bare one and
 * for one relative to another (HEAD~1, v7.0^), whose name would say
 * nothing once the branch moves.
 */
static char *rev_label(const char *name, const char *commit)
{
	if ((!strncmp(name, commit, strlen(name)) && strlen(name) >= 7) ||
	    strpbrk(name, "~^@"))
		return xstrndup(commit, 12);
	return sanitize(name);
}

static void git_revs(const struct track_opts *o, struct rev **revs,
		     size_t *n)
{
	struct strvec names = { 0 };

	for (size_t i = 0; i < o->specs.n; i++) {
		const char *s = o->specs.v[i];

		if (strstr(s, ".."))
			expand_range(o->git, s, &names);
		else if (strpbrk(s, "*?["))
			expand_pattern(o->git, s, &names);
		else
			sv_push(&names, s);
	}
	*revs = xcalloc(names.n, sizeof(**revs));
	*n = 0;
	for (size_t i = 0; i < names.n; i++) {
		char *c = git_commit(o->git, names.v[i]);
		bool dup = *n && !strcmp((*revs)[*n - 1].commit, c);

		/* "v6.12 v6.12..v7.0" names v6.12 twice in a row */
		if (dup) {
			free(c);
			continue;
		}
		(*revs)[*n].commit = c;
		(*revs)[(*n)++].label = rev_label(names.v[i], c);
	}
	sv_free(&names);
}

static void tree_revs(const struct track_opts *o, struct rev **revs,
		      size_t *n)
{
	*revs = xcalloc(o->specs.n, sizeof(**revs));
	*n = o->specs.n;
	for (size_t i = 0; i < o->specs.n; i++) {
		const char *p = o->specs.v[i], *slash;
		char *dir = xstrdup(p);
		size_t len = strlen(dir);

		while (len > 1 && dir[len - 1] == '/')
			dir[--len] = '\0';
		slash = strrchr(dir, '/');
		(*revs)[i].kdir = xstrdup(p);
		(*revs)[i].label = sanitize(slash ? slash + 1 : dir);
		free(dir);
	}
}

static int rm_rf(const char *dir)
{
	char *argv[] = { "rm", "-rf", "--", (char *)dir, NULL };
	struct proc p = { .argv = argv };

	return proc_run(&p);
}

/* git archive COMMIT | tar -x -C DEST: the fast way, when it works. */
static int archive(const char *repo, const char *commit, const char *dest)
{
	char *git[] = { "git", "-C", (char *)repo, "archive", "--format=tar",
			(char *)commit, NULL };
	char *tar[] = { "tar", "-x", "-C", (char *)dest, "-f", "-", NULL };
	int fd;
	struct proc pg = { .argv = git, .pipe_out = &fd, .quiet = true };
	struct proc pt = { .argv = tar, .quiet = true };
	pid_t g = proc_start(&pg);
	int ret;

	if (g < 0)
		return -1;
	pt.in_fd = fd;
	ret = proc_run(&pt);
	close(fd);
	/* both must succeed, as with "set -o pipefail" */
	return proc_wait(g) || ret ? -1 : 0;
}

static bool archive_failed;

static void fresh_dir(const char *dir)
{
	if (rm_rf(dir) || mkdir_p(dir))
		die(EXIT_OUTPUT, "%s: cannot create", dir);
}

/*
 * A revision's files in a directory outside the repository.  The path
 * depends on the commit only, so a revision seen before finds its
 * prepared build directory (keyed by path) in mmprep's cache again; it
 * lies in $TMPDIR/mmprep-track-$UID, which must be this user's alone (a
 * name anyone can guess, in a directory anyone can write).  A partial
 * clone, which "git archive" cannot export, is read blob by blob
 * (track_git.c).
 */
static void extract(const struct track_opts *o, struct rev *r)
{
	char *parent = xasprintf("%s/mmprep-track-%ld", tmp_dir(),
				 (long)geteuid());

	if (private_dir(parent))
		die(EXIT_OUTPUT, "%s: cannot create, or it is not a directory "
		    "of this user's alone (set TMPDIR elsewhere)", parent);
	r->kdir = xasprintf("%s/linux-%.12s", parent, r->commit);
	free(parent);
	r->temporary = !o->keep;
	fresh_dir(r->kdir);
	/* once archive failed on this repository, do not try it again */
	if (!archive_failed && !archive(o->git, r->commit, r->kdir))
		goto done;
	archive_failed = true;
	fresh_dir(r->kdir);
	if (track_extract_blobs(o->git, r->commit, r->kdir, &r->missing))
		die(EXIT_UNREADABLE, "%s: cannot read revision %s (%s)",
		    o->git, r->label, r->commit);
	if (r->missing)
		warnx_("%s: %zu files are missing from %s (a partial clone?); "
		       "its counts may be low", r->label, r->missing, o->git);
done:
	track_drop_escaping_links(r->kdir);
}

/* One revision scanned as "mmprep scan" would, its reports into @dir. */
static json_t *scan_rev(const struct track_opts *o, struct rev *r,
			const char *dir, json_t *cost)
{
	struct scan_opts so = o->scan;
	struct cache_stats before, after;
	struct scan_result res;
	double t0 = now_seconds();
	struct tree t;
	json_t *scan;

	so.kdir = r->kdir;
	so.quiet = true;
	so.progress = false;
	cache_get_stats(&before);
	tree_open(&t, so.kdir, so.arch);
	scan_run(&t, &so, &res);
	report_write(res.scan, dir);
	report_functions(res.functions, dir);
	cache_get_stats(&after);
	json_object_set_new(cost, "cached",
			    json_integer(after.cached - before.cached));
	json_object_set_new(cost, "parsed_fresh",
			    json_integer(after.parsed_fresh - before.parsed_fresh));
	json_object_set_new(cost, "seconds",
			    json_real((long)((now_seconds() - t0) * 10) / 10.0));
	scan = json_incref(res.scan);
	scan_result_free(&res);
	tree_free(&t);
	return scan;
}

json_t *track_cache_info(void)
{
	char *dir = cache_facts_dir();
	unsigned long long bytes;
	size_t entries;
	json_t *info;

	cache_usage(dir, &entries, &bytes);
	info = json_pack("{s:s, s:I, s:I}", "dir", dir, "entries",
			 (json_int_t)entries, "bytes", (json_int_t)bytes);
	free(dir);
	return info;
}

void track_print_cache_info(json_t *info)
{
	printf("facts cache: %s, %lld entries, %.1f MiB (make clean-cache "
	       "empties it)\n", jstr(info, "dir"), jint(info, "entries"),
	       jint(info, "bytes") / 1048576.0);
}

static char *default_name(struct rev *revs, size_t n)
{
	return n > 1 ? xasprintf("%s..%s", revs[0].label, revs[n - 1].label) :
		       xstrdup(revs[0].label);
}

static void print_rev(json_t *r)
{
	json_t *f = json_object_get(r, "file_operations");
	json_t *c = json_object_get(r, "cost");

	printf("track: %-14s %lld late, %lld early; files: %lld cached, "
	       "%lld parsed (%.1fs)\n", jstr(r, "label"), jint(f, "late"),
	       jint(f, "early"), jint(c, "cached"),
	       jint(c, "parsed_fresh"),
	       json_real_value(json_object_get(c, "seconds")));
	fflush(stdout);
}

/* adoption.{json,csv,md,svg} and index.html; 0, or -1 after saying why. */
static int track_write(const char *dir, json_t *doc)
{
	int ret;
	char *path, *svg;

	track_write_tables(dir, doc);
	ret = track_write_svg(dir, doc);
	path = path_join(dir, "adoption.svg");
	svg = read_file(path, NULL);
	track_write_page(dir, doc, svg);
	free(svg);
	free(path);
	return ret ? -1 : 0;
}

int track_main(const struct track_opts *o)
{
	struct rev *revs;
	size_t n;
	json_t *doc, *list, *prev_keys = NULL, *changes;
	char *name, *dir, *track;

	if (o->git)
		git_revs(o, &revs, &n);
	else
		tree_revs(o, &revs, &n);
	if (!n)
		die(EXIT_USAGE, "no revision to track");
	name = o->name ? sanitize(o->name) : default_name(revs, n);
	track = xasprintf("track-%s", name);
	/* neither the repository nor a tracked tree is written */
	dir = o->git ? tree_output_dir(o->reports, "reports", track, &o->git, 1) :
		       tree_output_dir(o->reports, "reports", track,
				       (const char *const *)o->specs.v,
				       o->specs.n);
	free(track);
	if (mkdir_p(dir))
		die(EXIT_OUTPUT, "%s: cannot create the report directory", dir);
	list = json_array();
	changes = json_array();
	for (size_t i = 0; i < n; i++) {
		char *sdir = xasprintf("%s/scans/%s", dir, revs[i].label);
		json_t *cost = json_object(), *scan, *r, *keys;

		if (o->git)
			extract(o, &revs[i]);
		scan = scan_rev(o, &revs[i], sdir, cost);
		r = track_summary(revs[i].label, revs[i].commit, scan, cost);
		json_object_set_new(r, "missing_files",
				    json_integer((json_int_t)revs[i].missing));
		keys = track_keys(scan);
		if (prev_keys)
			json_array_append_new(changes, track_diff(
				revs[i - 1].label, revs[i].label, prev_keys,
				keys));
		json_decref(prev_keys);
		prev_keys = keys;
		if (!o->quiet)
			print_rev(r);
		json_array_append_new(list, r);
		json_decref(scan);
		if (revs[i].temporary && rm_rf(revs[i].kdir))
			warnx_("cannot remove %s", revs[i].kdir);
		free(sdir);
	}
	json_decref(prev_keys);
	doc = json_pack("{s:{s:s, s:s}, s:s, s:{s:s?}, s:s, s:o, s:o, s:o}",
			"tool", "name", "mmprep", "version", MMPREP_VERSION,
			"name", name, "source", "git", o->git,
			"arch", o->scan.arch ? o->scan.arch : "x86",
			"revisions", list, "changes", changes,
			"cache", track_cache_info());
	if (!doc || track_write(dir, doc))
		die(EXIT_OUTPUT, "%s: cannot write the reports", dir);
	if (!o->quiet) {
		track_print_cache_info(json_object_get(doc, "cache"));
		printf("reports: %s/adoption.{md,csv,json,svg}, %s/index.html\n",
		       dir, dir);
	}
	json_decref(doc);
	free(name);
	free(dir);
	return EXIT_OK;
}
