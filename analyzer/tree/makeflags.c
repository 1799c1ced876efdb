// SPDX-License-Identifier: GPL-2.0
/*
 * The -I and -D flags that a directory's Makefile (or Kbuild file) adds:
 * ccflags-y, ccflags-$(CONFIG_X), CFLAGS_<file>.o, and subdir-ccflags-y of
 * every directory above.  Without them, drivers such as amdgpu or the
 * trace-event users (-I$(src)) do not find their own headers.
 *
 * This reads make syntax only as far as these lines need: $(src), $(obj),
 * $(srctree) and variables assigned earlier in the same file are expanded;
 * anything else is left alone.
 */
#include "tree/tree.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct mkvars {
	struct strvec names;
	struct strvec values;
};

static const char *flags_lookup(struct mkvars *v, const char *name, size_t n)
{
	for (size_t i = v->names.n; i-- > 0;)
		if (strlen(v->names.v[i]) == n && !strncmp(v->names.v[i], name, n))
			return v->values.v[i];
	return NULL;
}

/* Expand $(var) references; unknown ones expand to nothing. */
static char *flags_expand(struct mkvars *v, const char *s, int depth)
{
	struct sbuf out = { 0 };

	/* plain text a run at a time: by the character it was quadratic */
	while (*s) {
		const char *close, *val;
		size_t n = strcspn(s, "$");

		sb_addn(&out, s, n);
		s += n;
		if (!*s)
			break;
		if (s[1] != '(' || !(close = strchr(s, ')'))) {
			sb_addn(&out, s++, 1);
			continue;
		}
		val = flags_lookup(v, s + 2, close - s - 2);
		if (val && depth < 4) {
			char *sub = flags_expand(v, val, depth + 1);

			sb_add(&out, sub);
			free(sub);
		}
		s = close + 1;
	}
	return sb_take(&out);
}

static void add_flags(const struct tree *t, const char *dir, const char *val,
		      struct strvec *args)
{
	char *copy = xstrdup(val), *save;
	const char *tok;
	bool want_dir = false;

	for (tok = strtok_r(copy, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save)) {
		const char *path = NULL;

		if (want_dir) {
			path = tok;
			want_dir = false;
		} else if (!strcmp(tok, "-I")) {
			want_dir = true;
		} else if (str_starts(tok, "-I")) {
			path = tok + 2;
		} else if (str_starts(tok, "-D") && tok[2]) {
			sv_push(args, tok);
		}
		if (path && *path) {
			if (path[0] == '/')
				sv_pushf(args, "-I%s", path);
			else if (str_starts(path, t->kdir))
				sv_pushf(args, "-I%s", path);
			else
				sv_pushf(args, "-I%s/%s", t->kdir, path);
		}
	}
	free(copy);
	(void)dir;
}

static bool wanted(const char *lhs, const char *base, bool own)
{
	char *cf = xasprintf("CFLAGS_%s.o", base);
	bool ok = str_starts(lhs, "subdir-ccflags") ||
		  (own && (str_starts(lhs, "ccflags-") ||
			   str_starts(lhs, "EXTRA_CFLAGS") || !strcmp(lhs, cf)));

	free(cf);
	return ok;
}

static void dir_flags(const struct tree *t, const char *reldir,
		      const char *base, bool own, struct strvec *args)
{
	struct mkvars v = { 0 };
	struct strvec lines = { 0 };
	char *path = xasprintf("%s/%s/Makefile", t->kdir, reldir);
	char *text = read_file(path, NULL);

	if (!text) {
		free(path);
		path = xasprintf("%s/%s/Kbuild", t->kdir, reldir);
		text = read_file(path, NULL);
	}
	sv_push(&v.names, "src");
	sv_pushf(&v.values, "%s/%s", t->kdir, reldir);
	sv_push(&v.names, "obj");
	sv_pushf(&v.values, "%s/%s", t->kdir, reldir);
	sv_push(&v.names, "srctree");
	sv_push(&v.values, t->kdir);
	if (text)
		mk_logical_lines(text, &lines);
	for (size_t i = 0; i < lines.n; i++) {
		char *l = lines.v[i], *op = strstr(l, "="), *lhs, *val;
		size_t n;

		if (!op || l[0] == '#' || isspace((unsigned char)l[0]))
			continue;
		n = op - l;
		while (n && strchr(":+? \t", l[n - 1]))
			n--;
		lhs = xstrndup(l, n);
		val = flags_expand(&v, op + 1, 0);
		if (wanted(lhs, base, own))
			add_flags(t, reldir, val, args);
		else if (!strchr(lhs, '$') && !strchr(lhs, ' '))
			sv_push(&v.names, lhs), sv_push(&v.values, val);
		free(lhs);
		free(val);
	}
	sv_free(&lines);
	sv_free(&v.names);
	sv_free(&v.values);
	free(text);
	free(path);
}

void makefile_flags(const struct tree *t, const char *reldir,
		    const char *base, struct strvec *args)
{
	char *d = xstrdup(reldir);
	bool own = true;

	for (;;) {
		dir_flags(t, d, base, own, args);
		own = false;
		char *slash = strrchr(d, '/');

		if (!slash)
			break;
		*slash = '\0';
	}
	free(d);
}
