// SPDX-License-Identifier: GPL-2.0
/*
 * The part of make's language that Kbuild files use to say what is built:
 * variables (=, :=, ::=, +=, ?=), $(var) and ${var} references with
 * substitution references ($(x:.o=.c)), the text functions Makefiles use
 * on object lists (if, or, and, subst, patsubst, addprefix, addsuffix,
 * filter, filter-out, strip, sort, firstword, notdir), conditionals
 * (ifeq, ifneq, ifdef, ifndef, else, endif), "include" of a file inside
 * the tree, and "export".  Rules, their recipes and define blocks are
 * skipped.
 *
 * What is not understood is never guessed: a function outside that list
 * ($(shell), $(call), $(wildcard), ...) expands to the word "?", and an
 * assignment under a condition that cannot be decided marks each word it
 * adds with a leading '?'.  The caller (built.c) reads such words as
 * "unknown".  Nothing is ever run: $(shell) is not evaluated.
 */
#include "tree/make.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/*
 * Joins continuation lines; the logical lines of @text, in order.  An
 * empty line ends a continuation, as in make.
 */
void mk_logical_lines(char *text, struct strvec *lines)
{
	struct sbuf cur = { 0 };
	char *line = text, *nl;

	for (; line && *line; line = nl ? nl + 1 : NULL) {
		size_t n;
		bool cont;

		nl = strchr(line, '\n');
		n = nl ? (size_t)(nl - line) : strlen(line);
		cont = n && line[n - 1] == '\\';
		sb_addn(&cur, line, cont ? n - 1 : n);
		if (cont) {
			sb_add(&cur, " ");
			continue;
		}
		sv_take(lines, sb_take(&cur));
		memset(&cur, 0, sizeof(cur));
	}
	if (cur.s)
		sv_take(lines, sb_take(&cur));
}

/* Each word of @s with a leading '?': added under an undecided condition. */
static char *mark_unknown(const char *s)
{
	struct strvec w = { 0 };
	char *res;

	mk_words(s, &w);
	for (size_t i = 0; i < w.n; i++) {
		if (w.v[i][0] != '?') {
			char *t = xasprintf("?%s", w.v[i]);

			free(w.v[i]);
			w.v[i] = t;
		}
	}
	res = mk_join(&w);
	sv_free(&w);
	return res;
}

/*
 * A condition: 1 true, 0 false, -1 undecided.  @kw is "ifeq", "ifneq",
 * "ifdef" or "ifndef"; @rest what follows it.
 */
static int condition(struct mk *m, const char *kw, const char *rest)
{
	bool neg = !strcmp(kw, "ifneq") || !strcmp(kw, "ifndef");
	char *a = NULL, *b = NULL, *x;
	int r;

	if (!strcmp(kw, "ifdef") || !strcmp(kw, "ifndef")) {
		char *name = mk_strip(rest), *en = mk_expand(m, name);
		const char *v = mk_get(m, en);

		x = v ? mk_expand(m, v) : xstrdup("");
		r = strchr(en, '?') || strchr(x, '?') ? -1 : !!*x;
		free(name), free(en), free(x);
		return r < 0 ? r : r ^ neg;
	}
	while (isspace((unsigned char)*rest))
		rest++;
	if (*rest == '(') {
		struct strvec args = { 0 };
		size_t n = strlen(rest);

		while (n && rest[n - 1] != ')')
			n--;
		if (n < 2)
			return -1;
		mk_args(m, rest + 1, n - 2, 0, &args, 2);
		if (args.n == 2) {
			a = mk_strip(args.v[0]);
			b = mk_strip(args.v[1]);
		}
		sv_free(&args);
	} else if (*rest == '"' || *rest == '\'') {
		char q1 = *rest, *e1 = strchr(rest + 1, q1), q2;
		const char *s2 = e1 ? e1 + 1 : "";

		while (isspace((unsigned char)*s2))
			s2++;
		q2 = *s2;
		if (e1 && (q2 == '"' || q2 == '\'') && strchr(s2 + 1, q2)) {
			char *ra = xstrndup(rest + 1, e1 - rest - 1);
			char *rb = xstrndup(s2 + 1, strchr(s2 + 1, q2) - s2 - 1);

			a = mk_expand(m, ra);
			b = mk_expand(m, rb);
			free(ra), free(rb);
		}
	}
	if (!a || !b)
		r = -1;
	else if (strchr(a, '?') || strchr(b, '?'))
		r = -1;
	else
		r = (strcmp(a, b) == 0) ^ neg;
	free(a), free(b);
	return r;
}

struct cond {
	int state;	/* of the branch being read: 1, 0, -1 */
	int taken;	/* an earlier branch was taken: 1, 0, -1 */
};

static int active(const struct cond *st, int n)
{
	int r = 1;

	for (int i = 0; i < n; i++) {
		if (!st[i].state)
			return 0;
		if (st[i].state < 0)
			r = -1;
	}
	return r;
}

/* else, or "else ifeq ...": the next branch of the innermost condition. */
static void else_branch(struct mk *m, struct cond *c, const char *rest)
{
	char kw[8] = "";
	int now = 1;

	sscanf(rest, " %7[a-z]", kw);
	if (!strcmp(kw, "ifeq") || !strcmp(kw, "ifneq") ||
	    !strcmp(kw, "ifdef") || !strcmp(kw, "ifndef"))
		now = condition(m, kw, strstr(rest, kw) + strlen(kw));
	c->state = c->taken == 1 ? 0 : c->taken == 0 ? now : (now ? -1 : 0);
	c->taken = c->taken == 1 || (now == 1 && c->taken == 0) ? 1 :
		   c->taken == 0 && now == 0 ? 0 : -1;
}

static void assign(struct mk *m, const char *lhs, const char *op,
		   const char *rhs, int act)
{
	char *name = mk_expand(m, lhs), *val, *old, *t;
	const char *prev;

	t = mk_strip(name);
	free(name);
	name = t;
	if (!*name || strchr(name, ' ') || strchr(name, '?')) {
		m->partial |= str_starts(name, "obj-") || strstr(name, "-y") ||
			      strstr(name, "-objs");
		free(name);
		return;
	}
	prev = mk_get(m, name);
	if (!strcmp(op, "?=") && prev) {
		free(name);
		return;
	}
	val = mk_expand(m, rhs);
	if (act < 0) {
		t = mark_unknown(val);
		free(val);
		val = t;
	}
	old = prev ? xstrdup(prev) : xstrdup("");
	if (!mk_spend(m, strlen(old) + strlen(val))) {
		free(old), free(val), free(name);
		return;
	}
	if (!strcmp(op, "+=") || act < 0) {
		if (act < 0 && strcmp(op, "+="))
			t = mark_unknown(old), free(old), old = t;
		t = *old ? xasprintf("%s %s", old, val) : xstrdup(val);
		free(val);
		val = t;
	}
	mk_set(m, name, val);
	free(old);
	free(val);
	free(name);
}

/*
 * Where a logical line assigns: the operator's position, or NULL for a
 * rule ("target: prerequisites") or anything else.
 */
static const char *assign_op(const char *l, char op[4])
{
	int paren = 0;

	for (const char *p = l; *p; p++) {
		if (*p == '(' || *p == '{')
			paren++;
		else if (*p == ')' || *p == '}')
			paren--;
		if (paren)
			continue;
		if (*p == '=') {
			bool two = p > l && strchr("+?:!", p[-1]);

			snprintf(op, 4, "%s", two ? (p[-1] == '+' ? "+=" :
				 p[-1] == '?' ? "?=" : p[-1] == '!' ? "!=" : ":=") : "=");
			if (two && p[-1] == ':' && p - 1 > l && p[-2] == ':')
				return p - 2;
			return two ? p - 1 : p;
		}
		if (*p == ':' && p[1] != '=' && !(p[1] == ':' && p[2] == '='))
			return NULL;
	}
	return NULL;
}

static void eval_text(struct mk *m, char *text, const char *dir, int depth);

/* "target: prerequisites": a ':' outside parentheses */
static bool rule_colon(const char *l)
{
	int paren = 0;

	for (; *l; l++) {
		if (*l == '(' || *l == '{')
			paren++;
		else if (*l == ')' || *l == '}')
			paren--;
		else if (*l == ':' && !paren)
			return true;
	}
	return false;
}

/* The text of @path when it is a file of the tree itself, else NULL. */
static char *read_inside(const struct mk *m, const char *path)
{
	char resolved[PATH_MAX];
	size_t n = strlen(m->root);

	if (!realpath(path, resolved) || strncmp(resolved, m->root, n) ||
	    (resolved[n] && resolved[n] != '/'))
		return NULL;
	return read_file(resolved, NULL);
}

static void include_file(struct mk *m, const char *spec, const char *dir,
			 int depth)
{
	char *words = mk_expand(m, spec), *save, *w;

	for (w = strtok_r(words, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		char *p, *text;

		/* a file, even empty, costs its reading */
		if (!mk_spend(m, 4096))
			break;
		p = w[0] == '/' ? xstrdup(w) : path_join(m->root, w);
		if (!is_file(p)) {
			free(p);
			p = xasprintf("%s/%s/%s", m->root, dir, w);
		}
		if (!(text = read_inside(m, p))) {
			m->partial |= w[0] != '-' && !strchr(w, '?');
			free(p);
			continue;
		}
		if (mk_spend(m, strlen(text)))
			eval_text(m, text, dir, depth + 1);
		free(text);
		free(p);
	}
	free(words);
}

/* "export NAME...", or "export NAME = value" */
static bool export_line(struct mk *m, char *rest, int act)
{
	char op[4], *names, *save, *w;
	const char *at = assign_op(rest, op);

	if (at)
		return false;
	names = mk_expand(m, rest);
	for (w = strtok_r(names, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
		mk_export(m, w);
	free(names);
	return true;
}

static void assign_line(struct mk *m, const char *l, const char *at,
			const char *op, int act, bool export)
{
	char *lhs = xstrndup(l, at - l), *name, *s;
	const char *rhs = at + strlen(op);

	if (at[0] == ':' && at[1] == ':')
		rhs = at + 3;
	while (isspace((unsigned char)*rhs))
		rhs++;
	if (strcmp(op, "!="))	/* "x != cmd" runs a shell: never */
		assign(m, lhs, op, rhs, act);
	if (export) {
		name = mk_expand(m, lhs);
		s = mk_strip(name);
		mk_export(m, s);
		free(name), free(s);
	}
	free(lhs);
}

static void eval_line(struct mk *m, char *l, const char *dir, int depth,
		      struct cond *st, int *nst, bool *in_rule)
{
	char kw[16] = "", op[4] = "";
	const char *at, *rest;
	char *h = strchr(l, '#');
	bool export = false;
	int act;

	if (h)
		*h = '\0';
	if (*in_rule && l[0] == '\t')
		return;		/* a recipe */
	*in_rule = false;
	while (isspace((unsigned char)*l))
		l++;
	sscanf(l, "%15[a-z-]", kw);
	rest = l + strlen(kw);
	act = active(st, *nst);
	if (!strcmp(kw, "ifeq") || !strcmp(kw, "ifneq") ||
	    !strcmp(kw, "ifdef") || !strcmp(kw, "ifndef")) {
		int c = act ? condition(m, kw, rest) : 0;

		if (*nst < 64)
			st[(*nst)++] = (struct cond){ c, c };
		return;
	}
	if (!strcmp(kw, "else")) {
		if (*nst)
			else_branch(m, &st[*nst - 1], rest);
		return;
	}
	if (!strcmp(kw, "endif")) {
		if (*nst)
			(*nst)--;
		return;
	}
	if (!act || !*l)
		return;
	if ((!strcmp(kw, "include") || !strcmp(kw, "-include") ||
	     !strcmp(kw, "sinclude")) && isspace((unsigned char)*rest)) {
		if (depth < MK_DEPTH && act > 0)
			include_file(m, rest, dir, depth);
		return;
	}
	if (!strcmp(kw, "export") && isspace((unsigned char)*rest)) {
		if (export_line(m, (char *)rest, act))
			return;
		l = (char *)rest;
		export = true;
	}
	at = assign_op(l, op);
	if (at)
		assign_line(m, l, at, op, act, export);
	else if (rule_colon(l))
		*in_rule = true;
	else if (l[0] == '$')
		m->partial = true;	/* $(eval ...) makes what it likes */
}

static void eval_text(struct mk *m, char *text, const char *dir, int depth)
{
	struct strvec lines = { 0 };
	struct cond st[64];
	int nst = 0;
	bool in_rule = false, in_define = false;

	mk_logical_lines(text, &lines);
	for (size_t i = 0; i < lines.n; i++) {
		char *l = lines.v[i];

		while (isspace((unsigned char)*l))
			l++;
		if (in_define) {
			in_define = !str_starts(l, "endef");
			continue;
		}
		if (str_starts(l, "define ") || !strcmp(l, "define")) {
			in_define = true;
			continue;
		}
		eval_line(m, lines.v[i], dir, depth, st, &nst, &in_rule);
	}
	sv_free(&lines);
}

/*
 * Evaluates the Makefile @path for directory @dir (relative to the tree's
 * root); its assignments land in @m.  Returns false when the file cannot
 * be read, or is no file of the tree (a symbolic link out of it).
 */
bool mk_eval_file(struct mk *m, const char *path, const char *dir)
{
	char *text = read_inside(m, path);

	if (!text)
		return false;
	eval_text(m, text, dir, 0);
	free(text);
	return true;
}
