/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the libFuzzer targets (make fuzz, mk/hardening.mk).  Each one
 * feeds a parser of outside input: compile_commands.json, Kbuild and
 * Makefile lines, a scan.json, categories.tsv.
 *
 * Bad input ends a run of mmprep in die(); here die() jumps back to the
 * target (die_hook), which returns, so that the fuzzer goes on.  The
 * files a parser reads are written to a private directory made once.
 */
#ifndef MMPREP_FUZZ_H
#define MMPREP_FUZZ_H

#include "common/util.h"

#include <setjmp.h>
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

#endif
