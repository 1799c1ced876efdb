// SPDX-License-Identifier: GPL-2.0
/*
 * Child processes; see proc.h.  Every fork of mmprep goes through
 * proc_start(), so redirection and error handling are done once.
 */
#define _GNU_SOURCE
#include "common/proc.h"
#include "common/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* Point @fd at @path opened with @flags; false on failure. */
static bool redirect(int fd, const char *path, int flags)
{
	int f = open(path, flags, 0644);

	if (f < 0)
		return false;
	if (f != fd && (dup2(f, fd) < 0 || close(f)))
		return false;
	return true;
}

static void __attribute__((noreturn)) child(const struct proc *p, int *pfd,
					     int *ifd)
{
	if (p->cwd && chdir(p->cwd))
		_exit(PROC_EXEC_FAILED);
	if (p->in && !redirect(0, p->in, O_RDONLY))
		_exit(PROC_EXEC_FAILED);
	if (p->in_fd > 0 && (dup2(p->in_fd, 0) < 0 || close(p->in_fd)))
		_exit(PROC_EXEC_FAILED);
	if (p->out && !redirect(1, p->out, O_WRONLY | O_CREAT | O_TRUNC))
		_exit(PROC_EXEC_FAILED);
	if (p->log && (!redirect(1, p->log, O_WRONLY | O_CREAT | O_APPEND) ||
		       dup2(1, 2) < 0))
		_exit(PROC_EXEC_FAILED);
	if (p->quiet && !redirect(2, "/dev/null", O_WRONLY))
		_exit(PROC_EXEC_FAILED);
	if (ifd && dup2(ifd[0], 0) < 0)
		_exit(PROC_EXEC_FAILED);
	if (pfd) {
		close(pfd[0]);
		if (dup2(pfd[1], 1) < 0)
			_exit(PROC_EXEC_FAILED);
		close(pfd[1]);
	}
	for (const char *const *e = p->env; e && *e; e++)
		putenv((char *)*e);
	execvp(p->argv[0], p->argv);
	_exit(PROC_EXEC_FAILED);
}

/* Both ends close on exec: no other child keeps a pipe open. */
static bool pipes(const struct proc *p, int *pfd, int *ifd)
{
	if (p->pipe_out && pipe2(pfd, O_CLOEXEC))
		return false;
	if (p->pipe_in && pipe2(ifd, O_CLOEXEC)) {
		if (p->pipe_out) {
			close(pfd[0]);
			close(pfd[1]);
		}
		return false;
	}
	return true;
}

pid_t proc_start(const struct proc *p)
{
	int pfd[2], ifd[2];
	pid_t pid;

	if (!pipes(p, pfd, ifd))
		return -1;
	fflush(NULL);
	pid = fork();
	if (!pid)
		child(p, p->pipe_out ? pfd : NULL, p->pipe_in ? ifd : NULL);
	if (p->pipe_out) {
		close(pfd[1]);
		if (pid < 0)
			close(pfd[0]);
		else
			*p->pipe_out = pfd[0];
	}
	if (p->pipe_in) {
		close(ifd[0]);
		if (pid < 0)
			close(ifd[1]);
		else
			*p->pipe_in = ifd[1];
	}
	return pid;
}

int proc_wait(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int proc_run(const struct proc *p)
{
	pid_t pid = proc_start(p);

	return pid < 0 ? -1 : proc_wait(pid);
}

char *proc_output(char *const argv[], size_t *len)
{
	struct proc p = { .argv = argv };
	char *buf = NULL;
	size_t n = 0, cap = 0;
	ssize_t got;
	int fd;
	pid_t pid;

	p.pipe_out = &fd;
	pid = proc_start(&p);
	if (pid < 0)
		return NULL;
	for (;;) {
		if (cap - n < 65536)
			buf = xrealloc(buf, cap = cap * 2 + 65536);
		got = read(fd, buf + n, cap - n - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		n += got;
	}
	close(fd);
	buf[n] = '\0';
	if (proc_wait(pid) != 0 || got < 0) {
		free(buf);
		return NULL;
	}
	if (len)
		*len = n;
	return buf;
}
