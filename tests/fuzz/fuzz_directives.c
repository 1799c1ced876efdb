// SPDX-License-Identifier: GPL-2.0
/*
 * A file's preprocessor lines as tree/directives.c reads them to plan the
 * shared precompiled headers (scan/pch.c): the <...> headers it includes,
 * the macros it sets before them and the macros it tests.  A header name
 * holds no '>' or line break, a macro only identifier characters, and a
 * text without '#' has none of them.
 */
#include "fuzz.h"
#include "tree/tree.h"

#include <ctype.h>

/* Made of identifier characters; @empty: possibly none. */
static bool identifier(const char *s, bool empty)
{
	if (!*s && !empty)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

static void check(const struct directives *d, const char *text)
{
	if (!strchr(text, '#') && (d->includes.n || d->early.n || d->tested.n))
		abort();
	for (size_t i = 0; i < d->includes.n; i++)
		if (strpbrk(d->includes.v[i], ">\n"))
			abort();
	for (size_t i = 0; i < d->early.n; i++)
		if (!identifier(d->early.v[i], false))
			abort();
	for (size_t i = 0; i < d->tested.n; i++)
		if (!identifier(d->tested.v[i], true))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct directives d;

	fuzz_dir();
	if (!setjmp(fuzz_jump)) {
		directives_read(text, &d);
		check(&d, text);
		directives_free(&d);
	}
	free(text);
	return 0;
}
