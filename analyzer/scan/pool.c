// SPDX-License-Identifier: GPL-2.0
/*
 * Parse workers: @width long-lived mmprep-parse processes (--serve), each
 * given one file at a time over a pipe, so that libclang loads once per
 * worker rather than once per file.
 *
 * Isolation is that of a process per file: a worker that crashes, or runs
 * past its time limit on a file and is killed, costs that file only: the
 * file is reported as failed, and a fresh worker takes the next one.  One
 * that cannot start is tried once more (respawn).  A worker also retires
 * after WORKER_FILES files, so that what libclang keeps cannot pile up.
 */
#define _GNU_SOURCE
#include "scan/cache.h"
#include "common/proc.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef MMPREP_LIBEXEC
#define MMPREP_LIBEXEC "/usr/local/libexec/mmprep"
#endif

#define WORKER_FILES 200

struct slot {
	pid_t pid;		/* the worker; 0: none running */
	int in;			/* its standard input: requests */
	int out;		/* its standard output: "done" lines */
	size_t served;		/* files it was given */
	char line[32];		/* its answer so far */
	size_t nline;
	bool busy;		/* a file is in flight: */
	size_t job;
	char *facts;		/* where its facts go */
	double start;
	bool retried;		/* the worker failed to start once already */
};

struct pool {
	const struct tree *t;
	struct job *jobs;
	size_t n;
	const struct pool_opts *po;
	struct slot *slots;
	char *tmp;
	size_t next, done, parsed;
	double t0;
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
		free(jobs[i].no_pch);
		free(jobs[i].build_pch);
	}
	free(jobs);
}

static void start_worker(struct slot *s)
{
	char *argv[] = { (char *)worker_path(), "--serve", NULL };
	/* libclang's crash reports would drown the progress line */
	struct proc p = { .argv = argv, .quiet = true, .pipe_out = &s->out,
			  .pipe_in = &s->in };

	s->pid = proc_start(&p);
	if (s->pid < 0)
		die(EXIT_INTERNAL, "fork: %s", strerror(errno));
	s->served = 0;
	s->nline = 0;
}

/* The worker's end: its exit status, or -1 for one killed just now. */
static int stop_worker(struct slot *s, bool kill_it)
{
	int status = -1;

	if (kill_it)
		kill(s->pid, SIGKILL);
	close(s->in);
	close(s->out);
	while (waitpid(s->pid, &status, 0) < 0 && errno == EINTR)
		;
	s->pid = 0;
	return kill_it ? -1 : status;
}

static void word(FILE *f, const char *key, const char *value)
{
	fputs(key, f);
	fputc('\0', f);
	fputs(value, f);
	fputc('\0', f);
}

/* See read_request() in worker/parse.c. */
static char *request(const struct tree *t, const struct job *j,
		     const char *facts, size_t *len)
{
	char *buf, *abs = path_join(t->kdir, j->file);
	FILE *f = open_memstream(&buf, len);

	if (!f)
		die(EXIT_INTERNAL, "out of memory");
	word(f, "file", abs);
	word(f, "root", t->kdir);
	word(f, "out", facts);
	if (j->pch) {
		word(f, "pch", j->pch->path);
		word(f, "pch_facts", j->pch->facts);
	}
	if (j->build_pch)
		word(f, "build_pch", j->build_pch);
	for (size_t i = 0; i < j->args.n; i++)
		word(f, "arg", j->args.v[i]);
	fputc('\0', f);
	if (fclose(f))
		die(EXIT_INTERNAL, "out of memory");
	free(abs);
	return buf;
}

/* False when the worker is gone (its end is then read as its answer). */
static bool send_job(struct pool *p, struct slot *s)
{
	size_t len, off = 0;
	char *req;
	ssize_t w;

	if (!s->pid)
		start_worker(s);
	s->served++;
	s->start = now_seconds();
	req = request(p->t, &p->jobs[s->job], s->facts, &len);
	while (off < len) {
		w = write(s->in, req + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += w;
	}
	free(req);
	return off == len;
}

static void keep_facts(const struct job *j)
{
	/* debugging aid: keep each file's facts, never above the dir */
	char *name = xasprintf("%s.json", j->file);
	char *keep = path_below(getenv("MMPREP_KEEP_FACTS"), name);
	char *slash = keep ? strrchr(keep, '/') : NULL;

	if (slash) {
		*slash = '\0';
		mkdir_p(keep);
		*slash = '/';
		json_dump_file(j->facts, keep, JSON_INDENT(1) | JSON_SORT_KEYS);
	}
	free(keep);
	free(name);
}

/* @status: -1 killed for its time, else the worker's end, or 0: done. */
static void finish(struct job *j, const char *facts, int status,
		   bool unwritten)
{
	json_error_t err;

	if (status == -1) {
		j->failure = xstrdup("timed out (worker killed)");
	} else if (WIFSIGNALED(status)) {
		j->failure = xasprintf("parser crashed (signal %d: %s)",
				       WTERMSIG(status),
				       strsignal(WTERMSIG(status)));
	} else if (WEXITSTATUS(status) == PROC_EXEC_FAILED) {
		j->failure = xasprintf("parser could not be started twice (%s)",
				       worker_path());
	} else if (WEXITSTATUS(status) || unwritten) {
		j->failure = xasprintf("parser exited with status %d",
				       unwritten ? EXIT_OUTPUT :
						   WEXITSTATUS(status));
	} else if (!(j->facts = json_load_file(facts, 0, &err))) {
		j->failure = xasprintf("unreadable worker output: %s", err.text);
	}
	if (j->facts && getenv("MMPREP_KEEP_FACTS"))
		keep_facts(j);
	unlink(facts);
}

static void clock_text(char *buf, size_t len, double s)
{
	long t = (long)(s + 0.5);

	snprintf(buf, len, "%ld:%02ld", t / 60, t % 60);
}

/* [done/n], elapsed time, rate and ETA of the files parsed in this run */
static void progress(struct pool *p, const char *file)
{
	double el = now_seconds() - p->t0;
	double rate = el > 0 ? p->parsed / el : 0;
	char e[32], eta[32] = "?";

	clock_text(e, sizeof(e), el);
	if (rate > 0)
		clock_text(eta, sizeof(eta), (p->n - p->done) / rate);
	fprintf(stderr, "\r\033[K[%zu/%zu] %s %s, %.1f files/s, ETA %s  %s",
		p->done, p->n, p->po->what ? p->po->what : "parse", e, rate,
		eta, p->jobs[0].build_pch ? "" : file);
	if (p->done == p->n)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

static void job_done(struct pool *p, struct slot *s, int status,
		     bool unwritten)
{
	struct job *j = &p->jobs[s->job];

	finish(j, s->facts, status, unwritten);
	if (p->po->keep)
		cache_store(p->t, worker_path(), j);
	free(s->facts);
	s->busy = false;
	p->done++;
	p->parsed++;
	if (p->po->progress)
		progress(p, j->file);
}

/*
 * The worker of @s has ended with a file in flight.  One that could not
 * even start is tried once more: "make" relinks mmprep-parse by writing a
 * new file, and a worker started in that instant finds none.  That is no
 * fault of the file.
 */
static void worker_ended(struct pool *p, struct slot *s, int status)
{
	if (WIFEXITED(status) && WEXITSTATUS(status) == PROC_EXEC_FAILED &&
	    !s->retried) {
		usleep(500000);
		s->retried = true;
		if (send_job(p, s))
			return;
		status = stop_worker(s, false);
	}
	job_done(p, s, status, false);
}

/* Read the worker's answer; at its end, the file in flight is lost. */
static void answer(struct pool *p, struct slot *s)
{
	ssize_t got = read(s->out, s->line + s->nline,
			   sizeof(s->line) - 1 - s->nline);
	char *nl;

	if (got < 0 && errno == EINTR)
		return;
	if (got <= 0) {
		worker_ended(p, s, stop_worker(s, false));
		return;
	}
	s->nline += got;
	s->line[s->nline] = '\0';
	nl = strchr(s->line, '\n');
	if (!nl && s->nline < sizeof(s->line) - 1)
		return;
	job_done(p, s, 0, !nl || strncmp(s->line, "done\n", 5));
	s->nline = 0;
	if (s->served >= WORKER_FILES)
		stop_worker(s, false);
}

/* The next job without facts into an idle slot. */
static void assign(struct pool *p, struct slot *s)
{
	while (p->next < p->n && p->jobs[p->next].facts)
		p->next++;
	if (p->next == p->n)
		return;
	s->job = p->next++;
	s->facts = xasprintf("%s/%zu.json", p->tmp, s->job);
	s->busy = true;
	s->retried = false;
	if (send_job(p, s))
		return;
	/* a worker gone while idle is no fault of this file: a fresh one */
	if (s->served > 1) {
		stop_worker(s, false);
		if (send_job(p, s))
			return;
	}
	worker_ended(p, s, stop_worker(s, false));
}

/* Kill the workers that have run past the time limit on their file. */
static void reap_late(struct pool *p)
{
	double now = now_seconds();

	for (int i = 0; i < p->po->width; i++) {
		struct slot *s = &p->slots[i];

		if (s->busy && now - s->start > p->po->timeout)
			job_done(p, s, stop_worker(s, true), false);
	}
}

static void wait_answers(struct pool *p)
{
	struct pollfd *fds = xcalloc(p->po->width, sizeof(*fds));
	int nfds = 0, *which = xcalloc(p->po->width, sizeof(*which));

	for (int i = 0; i < p->po->width; i++) {
		if (!p->slots[i].busy)
			continue;
		fds[nfds] = (struct pollfd){ .fd = p->slots[i].out,
					     .events = POLLIN };
		which[nfds++] = i;
	}
	if (nfds && poll(fds, nfds, 100) > 0)
		for (int k = 0; k < nfds; k++)
			if (fds[k].revents && p->slots[which[k]].busy)
				answer(p, &p->slots[which[k]]);
	reap_late(p);
	free(fds);
	free(which);
}

static double children_cpu(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_CHILDREN, &ru))
		return 0;
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

void pool_run(const struct tree *t, struct job *jobs, size_t n,
	      struct pool_opts *po)
{
	struct pool p = { .t = t, .jobs = jobs, .n = n, .po = po };
	char *tmpl = xasprintf("%s/mmprep-XXXXXX",
			       getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	void (*old_pipe)(int) = signal(SIGPIPE, SIG_IGN);
	double cpu = children_cpu();

	p.tmp = mkdtemp(tmpl);
	if (!p.tmp)
		die(EXIT_OUTPUT, "cannot create a temporary directory");
	p.slots = xcalloc(po->width, sizeof(*p.slots));
	p.t0 = now_seconds();
	for (size_t i = 0; i < n; i++)
		p.done += jobs[i].facts != NULL;	/* from the cache */
	while (p.done < n) {
		for (int i = 0; i < po->width; i++)
			if (!p.slots[i].busy)
				assign(&p, &p.slots[i]);
		wait_answers(&p);
	}
	for (int i = 0; i < po->width; i++)
		if (p.slots[i].pid)
			stop_worker(&p.slots[i], false);
	signal(SIGPIPE, old_pipe);
	po->cpu += children_cpu() - cpu;
	po->parsed += p.parsed;
	rmdir(p.tmp);
	free(tmpl);
	free(p.slots);
}
