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
#include "tree/tree.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define MK_DEPTH 8	/* nested expansions and includes */

struct sbuf {
	char *s;
	size_t n, cap;
};

static void sb_addn(struct sbuf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = (b->n + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void sb_add(struct sbuf *b, const char *s)
{
	sb_addn(b, s, strlen(s));
}

static char *sb_take(struct sbuf *b)
{
	return b->s ? b->s : xstrdup("");
}

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

void mk_set(struct mk *m, const char *name, const char *value)
{
	jset(m->vars, name, json_string(value));
}

/* The words of @s, split at blanks. */
static void words_of(const char *s, struct strvec *out)
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

static char *join_words(const struct strvec *w)
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

	words_of(text, &w);
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
static char *word_fn(const char *fn, const char *arg, const char *text)
{
	struct strvec w = { 0 }, pats = { 0 }, out = { 0 };
	char *res;

	words_of(text, &w);
	words_of(arg, &pats);
	for (size_t i = 0; i < w.n; i++) {
		bool hit = false;
		size_t a, l;
		const char *slash;

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
	res = join_words(&out);
	sv_free(&w);
	sv_free(&pats);
	sv_free(&out);
	return res;
}

static char *expand_depth(struct mk *m, const char *s, int depth);

/* Splits "a,b,c" at the commas outside parentheses, expanding each. */
static void fn_args(struct mk *m, const char *s, size_t n, int depth,
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

static char *strip(const char *s)
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
		fn_args(m, s + fl + 1, n - fl - 1, depth, &a, max);
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
		char *c = strip(a.v[0]);

		res = xstrdup(*c ? a.v[1] : a.v[2]);
		if (strchr(c, '?'))
			res = (free(res), xstrdup("?"));
		free(c);
	} else if (!strcmp(fn, "or") || !strcmp(fn, "and")) {
		bool and = !strcmp(fn, "and");

		for (size_t i = 0; i < a.n && !res; i++) {
			char *c = strip(a.v[i]);

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
		char *p = strip(a.v[0]), *r = strip(a.v[1]);

		res = patsubst(p, r, a.v[2]);
		free(p);
		free(r);
	} else if (max == 1) {
		res = word_fn(fn, "", a.v[0]);
	} else {
		char *p = strip(a.v[0]);

		res = word_fn(fn, p, a.v[1]);
		free(p);
	}
	sv_free(&a);
	free(fn);
	return res;
}

/* The value of a reference "$(...)", its inside @s of length @n. */
static char *reference(struct mk *m, const char *s, size_t n, int depth)
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
	return expand_depth(m, s, 0);
}

/* Each word of @s with a leading '?': added under an undecided condition. */
static char *mark_unknown(const char *s)
{
	struct strvec w = { 0 };
	char *res;

	words_of(s, &w);
	for (size_t i = 0; i < w.n; i++) {
		if (w.v[i][0] != '?') {
			char *t = xasprintf("?%s", w.v[i]);

			free(w.v[i]);
			w.v[i] = t;
		}
	}
	res = join_words(&w);
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
		char *name = strip(rest), *en = mk_expand(m, name);
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
		fn_args(m, rest + 1, n - 2, 0, &args, 2);
		if (args.n == 2) {
			a = strip(args.v[0]);
			b = strip(args.v[1]);
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

	t = strip(name);
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

static void include_file(struct mk *m, const char *spec, const char *dir,
			 int depth)
{
	char *words = mk_expand(m, spec), *save, *w;
	char resolved[PATH_MAX];

	for (w = strtok_r(words, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		char *p = w[0] == '/' ? xstrdup(w) : path_join(m->root, w);
		char *text;

		if (!is_file(p)) {
			free(p);
			p = xasprintf("%s/%s/%s", m->root, dir, w);
		}
		/* only files of the tree itself */
		if (!realpath(p, resolved) || !str_starts(resolved, m->root) ||
		    (resolved[strlen(m->root)] && resolved[strlen(m->root)] != '/') ||
		    !(text = read_file(resolved, NULL))) {
			m->partial |= w[0] != '-' && !strchr(w, '?');
			free(p);
			continue;
		}
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
		jset(m->exported, w, json_true());
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
		s = strip(name);
		jset(m->exported, s, json_true());
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
 * Evaluates the Makefile @path (a file of the tree) for directory @dir
 * (relative to the tree's root); its assignments land in @m.  Returns
 * false when the file cannot be read.
 */
bool mk_eval_file(struct mk *m, const char *path, const char *dir)
{
	char *text = read_file(path, NULL);

	if (!text)
		return false;
	eval_text(m, text, dir, 0);
	free(text);
	return true;
}
