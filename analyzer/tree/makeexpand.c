// SPDX-License-Identifier: GPL-2.0
/*
 * Expansion of make's references, for makefile.c: $(var) and ${var},
 * substitution references ($(x:.o=.c)), and the text functions Makefiles
 * use on object lists (if, or, and, subst, patsubst, addprefix,
 * addsuffix, filter, filter-out, strip, sort, firstword, notdir).  Any
 * other function ($(shell), $(call), $(wildcard), ...) expands to the
 * word "?", never run.
 */
#include "tree/make.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/*
 * Eight times what the costliest directory of Linux 7.0 spends (nouveau,
 * about 8 MiB), but a Makefile whose text grows without end (x := $(x)
 * $(x) line after line, a file that includes itself twice, a composite
 * of itself) stops there: what it would have made is not followed.
 */
#define MK_BUDGET (64u << 20)

bool mk_spend(struct mk *m, size_t n)
{
	m->spent += n;
	if (m->spent <= MK_BUDGET)
		return true;
	m->partial = true;
	return false;
}

void mk_init(struct mk *m, const char *root)
{
	memset(m, 0, sizeof(*m));
	m->vars = json_object();
	m->exported = json_object();
	m->root = root;
}

void mk_free(struct mk *m)
{
	json_decref(m->vars);
	json_decref(m->exported);
	memset(m, 0, sizeof(*m));
}

const char *mk_get(const struct mk *m, const char *name)
{
	for (; m; m = m->parent) {
		json_t *v = json_object_get(m->vars, name);

		if (v)
			return json_string_value(v);
	}
	return NULL;
}

/*
 * A Makefile need not be UTF-8 (a name in Latin-1): names and values are
 * kept as they are, unchecked, and never written out.
 */
static void set_raw(json_t *o, const char *name, json_t *v)
{
	if (json_object_set_new_nocheck(o, name, jnew(v)))
		die(EXIT_INTERNAL, "cannot set make variable '%s'", name);
}

void mk_set(struct mk *m, const char *name, const char *value)
{
	set_raw(m->vars, name, json_string_nocheck(value));
}

void mk_export(struct mk *m, const char *name)
{
	set_raw(m->exported, name, json_true());
}

/* The words of @s, split at blanks. */
void mk_words(const char *s, struct strvec *out)
{
	while (*s) {
		size_t n;

		while (isspace((unsigned char)*s))
			s++;
		n = strcspn(s, " \t\n");
		if (n)
			sv_take(out, xstrndup(s, n));
		s += n;
	}
}

char *mk_join(const struct strvec *w)
{
	struct sbuf b = { 0 };

	for (size_t i = 0; i < w->n; i++) {
		if (i)
			sb_add(&b, " ");
		sb_add(&b, w->v[i]);
	}
	return sb_take(&b);
}

/* make's pattern match: "%" matches any stem, else the word itself. */
static bool pat_match(const char *pat, const char *w, size_t *stem_at,
		      size_t *stem_len)
{
	const char *pc = strchr(pat, '%');
	size_t pre, post, wn = strlen(w);

	if (!pc) {
		*stem_at = *stem_len = 0;
		return !strcmp(pat, w);
	}
	pre = pc - pat;
	post = strlen(pc + 1);
	if (wn < pre + post || strncmp(w, pat, pre) ||
	    strcmp(w + wn - post, pc + 1))
		return false;
	*stem_at = pre;
	*stem_len = wn - pre - post;
	return true;
}

static char *patsubst(const char *pat, const char *rep, const char *text)
{
	struct strvec w = { 0 };
	struct sbuf b = { 0 };
	const char *rc = strchr(rep, '%');

	mk_words(text, &w);
	for (size_t i = 0; i < w.n; i++) {
		size_t at, len;

		if (i)
			sb_add(&b, " ");
		if (!pat_match(pat, w.v[i], &at, &len)) {
			sb_add(&b, w.v[i]);
		} else if (rc) {
			sb_addn(&b, rep, rc - rep);
			sb_addn(&b, w.v[i] + at, len);
			sb_add(&b, rc + 1);
		} else {
			sb_add(&b, rep);
		}
	}
	sv_free(&w);
	return sb_take(&b);
}

static char *subst(const char *from, const char *to, const char *text)
{
	struct sbuf b = { 0 };
	size_t n = strlen(from);
	const char *p;

	if (!n)
		return xstrdup(text);
	while ((p = strstr(text, from))) {
		sb_addn(&b, text, p - text);
		sb_add(&b, to);
		text = p + n;
	}
	sb_add(&b, text);
	return sb_take(&b);
}

/* addprefix, addsuffix, filter, filter-out, sort, strip, firstword, notdir */
static char *word_fn(struct mk *m, const char *fn, const char *arg,
		     const char *text)
{
	struct strvec w = { 0 }, pats = { 0 }, out = { 0 };
	char *res;

	mk_words(text, &w);
	mk_words(arg, &pats);
	for (size_t i = 0; i < w.n; i++) {
		bool hit = false;
		size_t a, l;
		const char *slash;

		if (!mk_spend(m, pats.n)) {
			sv_free(&out);
			sv_push(&out, "?");
			break;
		}
		for (size_t k = 0; k < pats.n && !hit; k++)
			hit = pat_match(pats.v[k], w.v[i], &a, &l);
		if (!strcmp(fn, "addprefix"))
			sv_pushf(&out, "%s%s", arg, w.v[i]);
		else if (!strcmp(fn, "addsuffix"))
			sv_pushf(&out, "%s%s", w.v[i], arg);
		else if (!strcmp(fn, "notdir"))
			sv_push(&out, (slash = strrchr(w.v[i], '/')) ? slash + 1 : w.v[i]);
		else if (!strcmp(fn, "filter") ? hit :
			 !strcmp(fn, "filter-out") ? !hit :
			 !strcmp(fn, "firstword") ? i == 0 : true)
			sv_push(&out, w.v[i]);
	}
	if (!strcmp(fn, "sort"))
		sv_sort_uniq(&out);
	res = mk_join(&out);
	sv_free(&w);
	sv_free(&pats);
	sv_free(&out);
	return res;
}

static char *expand_depth(struct mk *m, const char *s, int depth);

/* Splits "a,b,c" at the commas outside parentheses, expanding each. */
void mk_args(struct mk *m, const char *s, size_t n, int depth,
		    struct strvec *args, int max)
{
	int paren = 0;
	size_t start = 0;

	for (size_t i = 0; i <= n; i++) {
		char c = i < n ? s[i] : ',';

		if (c == '(' || c == '{')
			paren++;
		else if (c == ')' || c == '}')
			paren--;
		if ((c == ',' && !paren && (int)args->n < max - 1) || i == n) {
			char *raw = xstrndup(s + start, i - start);

			sv_take(args, expand_depth(m, raw, depth + 1));
			free(raw);
			start = i + 1;
		}
	}
}

char *mk_strip(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);

	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* A function call "name args" inside $( ); NULL when @s names none. */
static char *call_fn(struct mk *m, const char *s, size_t n, int depth)
{
	static const char *const known[] = {
		"if", "or", "and", "subst", "patsubst", "addprefix",
		"addsuffix", "filter", "filter-out", "strip", "sort",
		"firstword", "notdir", NULL };
	size_t fl = strcspn(s, " \t");
	struct strvec a = { 0 };
	char *fn, *res = NULL;
	int max = 3;

	if (fl >= n || !fl)
		return NULL;
	fn = xstrndup(s, fl);
	for (int i = 0; known[i]; i++) {
		if (strcmp(known[i], fn))
			continue;
		if (!strcmp(fn, "or") || !strcmp(fn, "and"))
			max = 64;
		else if (!strcmp(fn, "strip") || !strcmp(fn, "sort") ||
			 !strcmp(fn, "firstword") || !strcmp(fn, "notdir"))
			max = 1;
		else if (strcmp(fn, "if") && strcmp(fn, "subst") &&
			 strcmp(fn, "patsubst"))
			max = 2;
		mk_args(m, s + fl + 1, n - fl - 1, depth, &a, max);
		while ((int)a.n < max)
			sv_push(&a, "");
		break;
	}
	if (!a.n && strchr(fn, '$') == NULL && !isupper((unsigned char)*fn) &&
	    strspn(fn, "abcdefghijklmnopqrstuvwxyz-_") == fl) {
		/* $(shell ...), $(call ...), $(wildcard ...): not evaluated */
		free(fn);
		return xstrdup("?");
	}
	if (!a.n) {
		free(fn);
		return NULL;
	}
	if (!strcmp(fn, "if")) {
		char *c = mk_strip(a.v[0]);

		res = xstrdup(*c ? a.v[1] : a.v[2]);
		if (strchr(c, '?'))
			res = (free(res), xstrdup("?"));
		free(c);
	} else if (!strcmp(fn, "or") || !strcmp(fn, "and")) {
		bool and = !strcmp(fn, "and");

		for (size_t i = 0; i < a.n && !res; i++) {
			char *c = mk_strip(a.v[i]);

			if (and ? !*c : !!*c)
				res = xstrdup(and ? "" : c);
			else if (and && i + 1 == a.n)
				res = xstrdup(c);
			free(c);
		}
		if (!res)
			res = xstrdup("");
	} else if (!strcmp(fn, "subst")) {
		res = subst(a.v[0], a.v[1], a.v[2]);
	} else if (!strcmp(fn, "patsubst")) {
		char *p = mk_strip(a.v[0]), *r = mk_strip(a.v[1]);

		res = patsubst(p, r, a.v[2]);
		free(p);
		free(r);
	} else if (max == 1) {
		res = word_fn(m, fn, "", a.v[0]);
	} else {
		char *p = mk_strip(a.v[0]);

		res = word_fn(m, fn, p, a.v[1]);
		free(p);
	}
	sv_free(&a);
	free(fn);
	return res;
}

/* The value of a reference "$(...)", its inside @s of length @n. */
static char *lookup(struct mk *m, const char *s, size_t n, int depth)
{
	char *inner, *name, *res, *colon, *eq;
	const char *v;

	res = call_fn(m, s, n, depth);
	if (res)
		return res;
	inner = xstrndup(s, n);
	name = expand_depth(m, inner, depth + 1);
	free(inner);
	/* a substitution reference: $(var:.o=.c) */
	colon = strchr(name, ':');
	eq = colon ? strchr(colon, '=') : NULL;
	if (colon && eq) {
		char *pat, *rep;

		*colon = *eq = '\0';
		v = mk_get(m, name);
		res = v && depth < MK_DEPTH ? expand_depth(m, v, depth + 1) :
					      xstrdup("");
		pat = strchr(colon + 1, '%') ? xstrdup(colon + 1) :
					       xasprintf("%%%s", colon + 1);
		rep = strchr(eq + 1, '%') ? xstrdup(eq + 1) :
					    xasprintf("%%%s", eq + 1);
		inner = patsubst(pat, rep, res);
		free(pat), free(rep), free(res), free(name);
		return inner;
	}
	v = mk_get(m, name);
	res = v && depth < MK_DEPTH ? expand_depth(m, v, depth + 1) :
				      xstrdup("");
	free(name);
	return res;
}

static char *reference(struct mk *m, const char *s, size_t n, int depth)
{
	char *res;

	if (!mk_spend(m, n))
		return xstrdup("?");
	res = lookup(m, s, n, depth);
	mk_spend(m, strlen(res));
	return res;
}

static char *expand_depth(struct mk *m, const char *s, int depth)
{
	struct sbuf b = { 0 };

	while (*s) {
		char open, close;
		const char *p;
		int paren = 0;
		char *val;

		if (s[0] != '$') {
			size_t n = strcspn(s, "$");

			sb_addn(&b, s, n);
			s += n;
			continue;
		}
		open = s[1];
		if (open == '$') {
			sb_add(&b, "$");
			s += 2;
			continue;
		}
		if (open != '(' && open != '{') {
			/* $@, $<, $x: automatic variables, not in object lists */
			sb_add(&b, "?");
			s += open ? 2 : 1;
			continue;
		}
		close = open == '(' ? ')' : '}';
		for (p = s + 2; *p; p++) {
			if (*p == open)
				paren++;
			else if (*p == close && !paren--)
				break;
		}
		if (!*p) {
			sb_add(&b, "?");
			break;
		}
		val = depth < MK_DEPTH ? reference(m, s + 2, p - s - 2, depth) :
					 xstrdup("?");
		sb_add(&b, val);
		free(val);
		s = p + 1;
	}
	return sb_take(&b);
}

char *mk_expand(struct mk *m, const char *s)
{
	char *res;

	if (!mk_spend(m, strlen(s)))
		return xstrdup("?");
	res = expand_depth(m, s, 0);
	mk_spend(m, strlen(res));
	return res;
}
