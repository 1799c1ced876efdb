/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the libFuzzer targets (make fuzz, mk/hardening.mk).  Each one
 * feeds a parser of outside input: compile_commands.json, Kbuild and
 * Makefile lines, the Kbuild model, a file's preprocessor lines, a
 * scan.json, categories.tsv.
 *
 * Bad input ends a run of mmprep in die(); here die() jumps back to the
 * target (die_hook), which returns, so that the fuzzer goes on.  The
 * files a parser reads are written to a private directory made once.
 * A target can check that nothing else appeared there (fuzz_check_only)
 * and that no command ran (fuzz_no_commands, a seccomp filter).
 */
#ifndef MMPREP_FUZZ_H
#define MMPREP_FUZZ_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* CLONE_THREAD */
#endif
#include "common/util.h"

#include <errno.h>
#include <fts.h>
#include <sanitizer/common_interface_defs.h>
#include <sched.h>
#include <seccomp.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jmp_buf fuzz_jump;

static inline void fuzz_die(int code)
{
	(void)code;
	longjmp(fuzz_jump, 1);
}

/* The target's own directory; also MMPREP_CACHE, so nothing else is used. */
static inline const char *fuzz_dir(void)
{
	static char *dir;

	if (!dir) {
		char *tmpl = xasprintf("%s/mmprep-fuzz-XXXXXX", tmp_dir());

		if (!mkdtemp(tmpl))
			abort();
		dir = tmpl;
		setenv("MMPREP_CACHE", dir, 1);
		die_hook = fuzz_die;
	}
	return dir;
}

/* @rel below fuzz_dir(), with its directories, holding @size bytes. */
static inline char *fuzz_file(const char *rel, const uint8_t *data, size_t size)
{
	char *path = path_join(fuzz_dir(), rel), *slash = strrchr(path, '/');

	*slash = '\0';
	if (mkdir_p(path))
		abort();
	*slash = '/';
	if (write_file(path, (const char *)data, size))
		abort();
	return path;
}

/* The input as a C string (it may hold NULs: the parsers see a prefix). */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	return xstrndup((const char *)data, size);
}

/*
 * Every file below @dir is one of @kept (relative to @dir; a name ending
 * in '/' keeps what lies below it), else the target aborts.
 */
static inline void fuzz_check_only(const char *dir, const char *const *kept)
{
	char *roots[] = { (char *)dir, NULL };
	FTS *fts = fts_open(roots, FTS_PHYSICAL | FTS_NOCHDIR, NULL);
	FTSENT *e;

	while (fts && (e = fts_read(fts))) {
		const char *rel = path_rel(e->fts_path, dir);
		bool ok = e->fts_level == 0 || e->fts_info == FTS_DP ||
			  e->fts_info == FTS_D;

		for (int i = 0; kept[i] && !ok; i++)
			ok = str_ends(kept[i], "/") ? str_starts(rel, kept[i]) :
						      !strcmp(rel, kept[i]);
		if (!ok)
			abort();
	}
	if (fts)
		fts_close(fts);
}

/* A process was about to start: a crash, whose stack says who started it. */
static inline void fuzz_on_sigsys(int sig)
{
	(void)sig;
	abort();
}

/*
 * From now on no command can run: exec and every clone but a thread's
 * trap into fuzz_on_sigsys() (clone3, whose flags a filter cannot see,
 * fails as unknown, and threads fall back to clone).  Where SIGSYS is
 * blocked (posix_spawn, system) the process is killed instead.  The
 * sanitizers' symbolizer, a process of its own, is started before; no
 * leak check can run after (LeakSanitizer starts a process).
 */
static inline void fuzz_no_commands(void)
{
	static const int trapped[] = { SCMP_SYS(execve), SCMP_SYS(execveat),
		SCMP_SYS(fork), SCMP_SYS(vfork) };
	struct sigaction sa = { .sa_handler = fuzz_on_sigsys };
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	bool ok = ctx && !sigaction(SIGSYS, &sa, NULL);
	char where[256];

	__sanitizer_symbolize_pc(__builtin_return_address(0), "%F", where,
				 sizeof(where));

	for (size_t i = 0; ok && i < sizeof(trapped) / sizeof(*trapped); i++)
		ok = !seccomp_rule_add(ctx, SCMP_ACT_TRAP, trapped[i], 0);
	ok = ok && !seccomp_rule_add(ctx, SCMP_ACT_TRAP, SCMP_SYS(clone), 1,
			SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0)) &&
	     !seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0) &&
	     !seccomp_load(ctx);
	if (!ok)
		abort();
	seccomp_release(ctx);
}

#endif
