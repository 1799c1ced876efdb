/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Child processes: the one place mmprep forks and execs.  No shell is
 * involved anywhere: arguments go to execvp() as they are, so a name from
 * a scanned tree can never become a command.
 */
#ifndef MMPREP_COMMON_PROC_H
#define MMPREP_COMMON_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The child's exit status when it could not exec its program. */
#define PROC_EXEC_FAILED 127

struct proc {
	char *const *argv;	/* argv[0] is searched in PATH */
	const char *cwd;	/* directory to run in; NULL: this one */
	const char *in;		/* stdin from this file; NULL: inherited */
	int in_fd;		/* stdin from this descriptor; 0: inherited */
	const char *out;	/* stdout into this file, truncated */
	const char *log;	/* stdout and stderr appended to this file */
	bool quiet;		/* stderr to /dev/null */
	int *pipe_out;		/* stdout into a pipe, whose read end is here */
	int *pipe_in;		/* stdin from a pipe, whose write end is here */
	const char *const *env;	/* "NAME=value" strings set in the child */
};

/* Fork and exec; the pid, or -1 when fork (or pipe) failed. */
pid_t proc_start(const struct proc *p);
/* Wait for @pid: its exit status, or -1 when it was killed by a signal. */
int proc_wait(pid_t pid);
/* proc_start() then proc_wait(). */
int proc_run(const struct proc *p);
/*
 * The standard output of @argv (NUL-terminated, its length in @len), or
 * NULL when it could not run or exited with a status other than 0.
 */
char *proc_output(char *const argv[], size_t *len);

#endif
