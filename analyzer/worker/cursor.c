// SPDX-License-Identifier: GPL-2.0
/*
 * libclang made easier to use from C: strings copied out and disposed of
 * at once, children as a list, tokens, positions with paths relative to
 * the tree, and the errors of a translation unit.
 */
#include "worker/worker.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DIAGS 3

char *cx_take(CXString s)
{
	const char *c = clang_getCString(s);
	char *copy = xstrdup(c ? c : "");

	clang_disposeString(s);
	return copy;
}

static enum CXChildVisitResult push_child(CXCursor c, CXCursor parent,
					 CXClientData data)
{
	struct cxvec *v = data;

	(void)parent;
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 8;
		v->v = xrealloc(v->v, v->cap * sizeof(*v->v));
	}
	v->v[v->n++] = c;
	return CXChildVisit_Continue;
}

/* The direct children of @c; libclang's visitor made into a list. */
void children_of(CXCursor c, struct cxvec *out)
{
	out->n = 0;
	clang_visitChildren(c, push_child, out);
}

void cxvec_free(struct cxvec *v)
{
	free(v->v);
	v->v = NULL;
	v->n = v->cap = 0;
}

/*
 * The spelled tokens of @c, each followed by @sep, after a leading @sep:
 * "info->fbops" with "", " return - EINVAL " with " ".
 */
char *cursor_tokens(struct wctx *w, CXCursor c, const char *sep)
{
	struct sbuf out = { 0 };
	CXToken *toks;
	unsigned n;

	/* an "if" in a macro spans the expansion: thousands of tokens */
	sb_add(&out, sep);
	clang_tokenize(w->tu, clang_getCursorExtent(c), &toks, &n);
	for (unsigned i = 0; i < n; i++) {
		char *sp = cx_take(clang_getTokenSpelling(w->tu, toks[i]));

		sb_add(&out, sp);
		sb_add(&out, sep);
		free(sp);
	}
	if (toks)
		clang_disposeTokens(w->tu, toks, n);
	return sb_take(&out);
}

/* A JSON string made from @s, which is freed. */
json_t *json_take(char *s)
{
	json_t *j = json_string(s);

	free(s);
	return j;
}

char *cursor_name(CXCursor c)
{
	return cx_take(clang_getCursorSpelling(c));
}

char *rel_path(struct wctx *w, const char *abs)
{
	char buf[PATH_MAX];
	const char *p = abs;

	/* Headers reached through "../" include paths are normalised. */
	if (strstr(abs, "/../") && realpath(abs, buf))
		p = buf;
	return xstrdup(path_rel(p, w->root));
}

void wloc_free(struct wloc *l)
{
	free(l->file);
	l->file = NULL;
}

bool wloc_expansion(struct wctx *w, CXSourceLocation l, struct wloc *out)
{
	CXFile f;
	unsigned line, col, off;

	char *name;

	clang_getExpansionLocation(l, &f, &line, &col, &off);
	if (!f)
		return false;
	name = cx_take(clang_getFileName(f));
	out->file = rel_path(w, name);
	free(name);
	out->line = line;
	out->col = col;
	return true;
}

bool wloc_of(struct wctx *w, CXCursor c, struct wloc *out)
{
	return wloc_expansion(w, clang_getCursorLocation(c), out);
}

/*
 * Facts are collected from the main file and from the driver-local headers
 * it includes.  The shared include/ and arch/x/include/ headers are parsed
 * in almost every translation unit; what is defined there is collected
 * only when the driver asks for it (--all-headers), once per run.
 */
bool wctx_wants(struct wctx *w, CXCursor c)
{
	CXSourceLocation l = clang_getCursorLocation(c);
	CXFile f;
	char *name;
	const char *rel;
	bool ok;

	if (clang_Location_isFromMainFile(l))
		return true;
	clang_getExpansionLocation(l, &f, NULL, NULL, NULL);
	if (!f)
		return false;
	name = cx_take(clang_getFileName(f));
	rel = path_rel(name, w->root);
	if (rel[0] == '/')
		ok = false;	/* generated or outside the tree */
	else if (path_is_shared(rel))
		ok = w->all_headers;
	else
		ok = true;
	free(name);
	return ok;
}

static const char *severity_name(enum CXDiagnosticSeverity s)
{
	return s == CXDiagnostic_Fatal ? "fatal error" : "error";
}

/* The first errors of the translation unit, as text; *@nerrors of them. */
json_t *collect_diagnostics(struct wctx *w, unsigned *nerrors)
{
	json_t *out = json_array();
	unsigned n = clang_getNumDiagnostics(w->tu);

	*nerrors = 0;
	for (unsigned i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(w->tu, i);
		enum CXDiagnosticSeverity s = clang_getDiagnosticSeverity(d);
		struct wloc l = { 0 };
		char *msg, *text;

		if (s < CXDiagnostic_Error) {
			clang_disposeDiagnostic(d);
			continue;
		}
		if (++*nerrors <= MAX_DIAGS) {
			msg = cx_take(clang_getDiagnosticSpelling(d));
			if (wloc_expansion(w, clang_getDiagnosticLocation(d), &l))
				text = xasprintf("%s:%u:%u: %s: %s", l.file,
						 l.line, l.col,
						 severity_name(s), msg);
			else
				text = xasprintf("%s: %s", severity_name(s), msg);
			/* a message may quote bytes that are not UTF-8 */
			jpush(out, jtext(text));
			free(text);
			wloc_free(&l);
			free(msg);
		}
		clang_disposeDiagnostic(d);
	}
	return out;
}

/* The named struct a field belongs to, looking out of anonymous members. */
char *field_owner(CXCursor field)
{
	CXCursor rec = clang_getCursorSemanticParent(field);

	while (clang_Cursor_isAnonymousRecordDecl(rec)) {
		CXCursor up = clang_getCursorSemanticParent(rec);
		enum CXCursorKind k = clang_getCursorKind(up);

		if (k != CXCursor_StructDecl && k != CXCursor_UnionDecl)
			break;
		rec = up;
	}
	if (clang_Cursor_isAnonymousRecordDecl(rec) ||
	    clang_Cursor_isAnonymous(rec))
		return cx_take(clang_getTypeSpelling(clang_getCursorType(rec)));
	return cursor_name(rec);
}

/*
 * The text of @f, found once per file and parse.  libclang finds the
 * buffer of a file other than the main one by walking every source
 * location entry of the translation unit, and a file that expands trace
 * events has millions of them: clang_getLocation() on such a file, once
 * per literal, cost seconds.
 */
static const char *file_text(struct wctx *w, CXFile f, size_t *len)
{
	struct wtext *t;
	unsigned n = sizeof(w->texts) / sizeof(w->texts[0]);

	for (unsigned i = 0; i < w->ntexts && i < n; i++)
		if (clang_File_isEqual(w->texts[i].file, f)) {
			*len = w->texts[i].len;
			return w->texts[i].text;
		}
	t = &w->texts[w->ntexts++ % n];
	t->file = f;
	t->text = clang_getFileContents(w->tu, f, &t->len);
	*len = t->len;
	return t->text;
}

static bool ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '$';
}

/*
 * The identifier at @off of @f, as clang_getToken() would lex it; NULL
 * when it is none that a byte scan can read (a line splice, a byte
 * outside ASCII).
 */
static char *ident_at(struct wctx *w, CXFile f, unsigned off)
{
	size_t len, end = off;
	const char *text = file_text(w, f, &len);

	if (!text || off >= len || !ident_char(text[off]) ||
	    (text[off] >= '0' && text[off] <= '9'))
		return NULL;
	while (end < len && ident_char(text[end]))
		end++;
	if (end < len &&
	    (text[end] == '\\' || (unsigned char)text[end] >= 0x80))
		return NULL;
	return xstrndup(text + off, end - off);
}

/* The name of the macro expanded at @l when @l lies in an expansion. */
char *macro_at(struct wctx *w, CXSourceLocation l)
{
	CXFile sf, ef;
	unsigned sl, el, sc, ec, off;
	CXToken *tok;
	char *name;

	clang_getSpellingLocation(l, &sf, &sl, &sc, NULL);
	clang_getExpansionLocation(l, &ef, &el, &ec, &off);
	if (clang_File_isEqual(sf, ef) && sl == el && sc == ec)
		return NULL;
	name = ef ? ident_at(w, ef, off) : NULL;
	if (name)
		return name;
	tok = clang_getToken(w->tu, clang_getLocation(w->tu, ef, el, ec));
	if (tok) {
		name = cx_take(clang_getTokenSpelling(w->tu, *tok));
		clang_disposeTokens(w->tu, tok, 1);
	}
	return name ? name : xstrdup("?");
}
