// SPDX-License-Identifier: GPL-2.0
/*
 * The preprocessor lines of a source file or header, read as text: no
 * #if is evaluated, and continued lines are joined.  What scan/pch.c needs
 * to choose a shared precompiled header and to know who may use it:
 *
 *   includes  the <...> headers a file includes, in order
 *   early     the macros it #defines or #undefs before its last #include
 *             <...>: a header in a PCH was read without them
 *   tested    the macros a header tests (#if, #ifdef, #ifndef, #elif),
 *             but for "#ifndef X" right before "#define X", which only
 *             gives X a default (or is an include guard)
 */
#include "tree/tree.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static bool ident_start(char c)
{
	return isalpha((unsigned char)c) || c == '_';
}

static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* The identifier at @p, allocated; @p moves past it. */
static char *ident(const char **p)
{
	const char *b = *p;

	while (ident_char(**p))
		(*p)++;
	return xstrndup(b, *p - b);
}

static const char *skip_blank(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/*
 * The next logical line of @text starting at *@pos, continuations joined,
 * with the comments of a directive dropped; NULL at the end.  Only lines
 * that start with '#' matter here, and block comments are skipped so that
 * a commented-out "#include" is not one.
 */
static char *next_line(const char *text, size_t *pos, bool *in_comment)
{
	const char *p = text + *pos, *q = p;
	char *out, *o;

	if (!*p)
		return NULL;
	/* the logical line's length first: at most that much is kept */
	while (*q && *q != '\n')
		q += q[0] == '\\' && q[1] == '\n' ? 2 : 1;
	out = o = xmalloc(q - p + 1);
	while (*p && *p != '\n') {
		if (*in_comment) {
			*in_comment = !(p[0] == '*' && p[1] == '/');
			p += *in_comment ? 1 : 2;
		} else if (p[0] == '/' && p[1] == '*') {
			*in_comment = true;
			*o++ = ' ';
			p += 2;
		} else if (p[0] == '/' && p[1] == '/') {
			while (*p && *p != '\n')
				p++;
		} else if (p[0] == '\\' && p[1] == '\n') {
			p += 2;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	*pos = p - text + (*p == '\n');
	return out;
}

/* "#  include" -> "include", else NULL */
static const char *directive(const char *line)
{
	line = skip_blank(line);
	return *line == '#' ? skip_blank(line + 1) : NULL;
}

static bool is(const char *d, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(d, name, n) && !ident_char(d[n]);
}

/* Every identifier of an #if expression but "defined". */
static void add_idents(const char *p, struct strvec *out)
{
	while (*p) {
		char *id;

		if (!ident_start(*p)) {
			/* skip numbers whole: 0x10UL is no identifier */
			if (isdigit((unsigned char)*p))
				while (ident_char(*p))
					p++;
			else
				p++;
			continue;
		}
		id = ident(&p);
		if (strcmp(id, "defined"))
			sv_take(out, id);
		else
			free(id);
	}
}

static void include_name(const char *d, struct strvec *out)
{
	const char *p = skip_blank(d + strlen("include")), *end;

	if (*p != '<' || !(end = strchr(p, '>')))
		return;
	sv_take(out, xstrndup(p + 1, end - p - 1));
}

void directives_read(const char *text, struct directives *d)
{
	struct strvec defined = { 0 };
	size_t pos = 0, ndef_at_last = 0;
	bool in_comment = false;
	char *line, *pending = NULL;	/* "#ifndef X" waiting for "#define X" */

	memset(d, 0, sizeof(*d));
	while ((line = next_line(text, &pos, &in_comment))) {
		const char *dir = directive(line), *p;
		char *id = NULL;

		if (dir && (is(dir, "define") || is(dir, "undef"))) {
			p = skip_blank(dir + strcspn(dir, " \t"));
			id = ident(&p);
		}
		if (dir && pending) {
			if (!id || strcmp(id, pending) || !is(dir, "define"))
				sv_push(&d->tested, pending);
			free(pending);
			pending = NULL;
		}
		if (id && *id)
			sv_push(&defined, id);
		if (dir && is(dir, "include")) {
			include_name(dir, &d->includes);
			if (dir[strcspn(dir, "<\"")] == '<')
				ndef_at_last = defined.n;
		} else if (dir && is(dir, "ifndef")) {
			p = skip_blank(dir + strlen("ifndef"));
			pending = ident(&p);
		} else if (dir && is(dir, "ifdef")) {
			add_idents(dir + strlen("ifdef"), &d->tested);
		} else if (dir && is(dir, "if")) {
			add_idents(dir + strlen("if"), &d->tested);
		} else if (dir && is(dir, "elif")) {
			add_idents(dir + strlen("elif"), &d->tested);
		}
		free(id);
		free(line);
	}
	if (pending)
		sv_take(&d->tested, pending);
	for (size_t i = 0; i < ndef_at_last; i++)
		sv_push(&d->early, defined.v[i]);
	sv_free(&defined);
	sv_sort_uniq(&d->early);
	sv_sort_uniq(&d->tested);
}

bool directives_file(const struct tree *t, const char *file,
		     struct directives *d)
{
	char *abs = path_join(t->kdir, file), *text = read_file(abs, NULL);

	free(abs);
	if (!text)
		return false;
	directives_read(text, d);
	free(text);
	return true;
}

void directives_free(struct directives *d)
{
	sv_free(&d->includes);
	sv_free(&d->early);
	sv_free(&d->tested);
}
