// SPDX-License-Identifier: GPL-2.0
/*
 * Parse workers: one mmprep-parse process per file, at most @width at a
 * time.  A worker that crashes, or runs past its time limit and is killed,
 * costs its own file only: the file is reported as failed and the run
 * goes on.  One that cannot start is tried once more (respawn).
 */
#define _GNU_SOURCE
#include "scan/cache.h"
#include "common/proc.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef MMPREP_LIBEXEC
#define MMPREP_LIBEXEC "/usr/local/libexec/mmprep"
#endif

struct slot {
	pid_t pid;
	size_t job;
	char *out;
	time_t start;
	bool retried;		/* the worker failed to start once already */
};

const char *worker_path(void)
{
	static char *path;
	const char *env = getenv("MMPREP_WORKER");

	if (!path)
		path = env && *env ? xstrdup(env) :
				     xstrdup(MMPREP_LIBEXEC "/mmprep-parse");
	return path;
}

/*
 * The worker is the only part linked with libclang: if it cannot start,
 * say so once, before any file is tried.
 */
void pool_probe(void)
{
	char *argv[] = { (char *)worker_path(), "--version", NULL };
	struct proc p = { .argv = argv, .out = "/dev/null", .quiet = true };

	if (proc_run(&p) != 0)
		die(EXIT_NO_LIBCLANG,
		    "the parse worker %s cannot run: libclang-19 is missing or "
		    "broken (install libclang-19-dev, or run 'make deps')",
		    worker_path());
}

void job_init(struct job *j, const struct tree *t, struct compdb *db,
	      const char *file)
{
	char *abs = path_join(t->kdir, file);

	memset(j, 0, sizeof(*j));
	j->file = xstrdup(file);
	kbuild_toolchain_flags(t, &j->args);
	if (!db || !compdb_flags(db, abs, &j->args)) {
		sv_free(&j->args);
		kbuild_flags(t, j->file, &j->args);
	}
	free(abs);
}

void jobs_free(struct job *jobs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(jobs[i].file);
		sv_free(&jobs[i].args);
		json_decref(jobs[i].facts);
		free(jobs[i].failure);
	}
	free(jobs);
}

static pid_t spawn(const struct tree *t, struct job *j, const char *out)
{
	struct strvec argv = { 0 };
	char *abs = path_join(t->kdir, j->file);
	struct proc p = { 0 };
	pid_t pid;

	sv_push(&argv, worker_path());
	sv_push(&argv, "--root");
	sv_push(&argv, t->kdir);
	sv_push(&argv, "--out");
	sv_push(&argv, out);
	sv_push(&argv, "--file");
	sv_take(&argv, abs);
	sv_push(&argv, "--");
	for (size_t i = 0; i < j->args.n; i++)
		sv_push(&argv, j->args.v[i]);
	/* libclang's crash reports would drown the progress line */
	p.argv = argv.v;
	p.quiet = true;
	pid = proc_start(&p);
	sv_free(&argv);
	return pid;
}

static void finish(struct job *j, const char *out, int status, bool timed_out)
{
	json_error_t err;

	if (timed_out) {
		j->failure = xstrdup("timed out (worker killed)");
	} else if (WIFSIGNALED(status)) {
		j->failure = xasprintf("parser crashed (signal %d: %s)",
				       WTERMSIG(status),
				       strsignal(WTERMSIG(status)));
	} else if (WEXITSTATUS(status) == PROC_EXEC_FAILED) {
		j->failure = xasprintf("parser could not be started twice (%s)",
				       worker_path());
	} else if (WEXITSTATUS(status)) {
		j->failure = xasprintf("parser exited with status %d",
				       WEXITSTATUS(status));
	} else if (!(j->facts = json_load_file(out, 0, &err))) {
		j->failure = xasprintf("unreadable worker output: %s", err.text);
	}
	if (j->facts && getenv("MMPREP_KEEP_FACTS")) {
		/* debugging aid: keep each file's facts, never above the dir */
		char *name = xasprintf("%s.json", j->file);
		char *keep = path_below(getenv("MMPREP_KEEP_FACTS"), name);
		char *slash = keep ? strrchr(keep, '/') : NULL;

		if (slash) {
			*slash = '\0';
			mkdir_p(keep);
			*slash = '/';
			json_dump_file(j->facts, keep,
				       JSON_INDENT(1) | JSON_SORT_KEYS);
		}
		free(keep);
		free(name);
	}
	unlink(out);
}

static void progress(size_t done, size_t n, const char *file)
{
	fprintf(stderr, "\r\033[K[%zu/%zu] %s", done, n, file);
	if (done == n)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/*
 * A worker that could not even start is tried once more: "make" relinks
 * mmprep-parse by writing a new file, and a file spawned in that instant
 * finds no worker.  That is no fault of the file.
 */
static bool respawn(const struct tree *t, struct job *jobs,
		    struct slot *s, int status)
{
	if (!WIFEXITED(status) || WEXITSTATUS(status) != PROC_EXEC_FAILED ||
	    s->retried)
		return false;
	usleep(500000);
	s->retried = true;
	s->start = time(NULL);
	s->pid = spawn(t, &jobs[s->job], s->out);
	if (s->pid < 0)
		die(EXIT_INTERNAL, "fork: %s", strerror(errno));
	return true;
}

/* Kill the workers that have run past @timeout seconds. */
static void reap_late(struct slot *slots, int width, int timeout,
		      bool *killed)
{
	time_t now = time(NULL);

	for (int i = 0; i < width; i++) {
		if (slots[i].pid > 0 && now - slots[i].start > timeout &&
		    !killed[i]) {
			kill(slots[i].pid, SIGKILL);
			killed[i] = true;
		}
	}
}

void pool_run(const struct tree *t, struct job *jobs, size_t n, int width,
	      int timeout, bool show)
{
	struct slot *slots = xcalloc(width, sizeof(*slots));
	bool *killed = xcalloc(width, sizeof(*killed));
	char *tmpl = xasprintf("%s/mmprep-XXXXXX",
			       getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	char *tmp = mkdtemp(tmpl);
	size_t next = 0, done = 0;
	int running = 0;

	if (!tmp)
		die(EXIT_OUTPUT, "cannot create a temporary directory");
	done = cache_fill(t, worker_path(), jobs, n);	/* files parsed before, unchanged */
	while (done < n) {
		for (int i = 0; i < width && next < n; i++) {
			if (slots[i].pid)
				continue;
			if (jobs[next].facts) {	/* from the cache */
				next++;
				i--;
				continue;
			}
			slots[i].job = next;
			slots[i].out = xasprintf("%s/%zu.json", tmp, next);
			slots[i].start = time(NULL);
			slots[i].pid = spawn(t, &jobs[next++], slots[i].out);
			slots[i].retried = false;
			killed[i] = false;
			if (slots[i].pid < 0)
				die(EXIT_INTERNAL, "fork: %s", strerror(errno));
			running++;
		}
		int status;
		pid_t pid = waitpid(-1, &status, WNOHANG);

		if (pid <= 0) {
			reap_late(slots, width, timeout, killed);
			usleep(20000);
			continue;
		}
		for (int i = 0; i < width; i++) {
			if (slots[i].pid != pid)
				continue;
			if (!killed[i] && respawn(t, jobs, &slots[i], status))
				continue;
			finish(&jobs[slots[i].job], slots[i].out, status,
			       killed[i]);
			cache_store(t, worker_path(), &jobs[slots[i].job]);
			free(slots[i].out);
			slots[i].pid = 0;
			running--;
			done++;
			if (show)
				progress(done, n, jobs[slots[i].job].file);
		}
	}
	rmdir(tmp);
	free(tmpl);
	free(slots);
	free(killed);
}
