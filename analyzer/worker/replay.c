// SPDX-License-Identifier: GPL-2.0
/*
 * A file parsed with a shared precompiled header (pch.c) gets the facts a
 * plain parse gives it.  Only the declarations of its own parse are
 * visited (visiting those of the PCH would deserialize all of it), so the
 * summaries of the PCH's inline helpers come from the PCH's document, and
 * only those of the headers the file itself includes: the PCH may hold
 * more.  The order is that of a plain parse, which the driver's
 * deduplication keeps (the first summary of a function wins).
 *
 * So the preprocessor is replayed: the command line's -include files,
 * then the main file; each file is entered at its first #include (include
 * guards skip the others), and its summaries and #include lines are taken
 * in line order.  A file of this parse gives its #include lines from the
 * preprocessing record, a header of the PCH from the PCH's document.
 *
 * The replay fails when a summary of this parse lies in a file it never
 * enters; the worker then parses the file again without the PCH.
 *
 * It fails too when the file uses a declaration or a macro of a PCH
 * header it never includes: a plain parse would not have found it ("call
 * to undeclared function"), and so would have had other errors and facts.
 * The errors of a parse that passes are those of a plain parse.
 *
 * A call's "callee_file" is where the translation unit defines the
 * callee.  The PCH's summaries were made without this file's definitions
 * (mm/memory.c defines what inline helpers of mm.h call), and a summary
 * may name a definition in a PCH header this file never includes: both
 * are set as a plain parse would have them.
 */
#include "worker/worker.h"

#include <stdlib.h>
#include <string.h>

struct replay {
	struct wctx *w;
	json_t *pch_files;	/* header -> [ [line, header], ... ] */
	json_t *pch_fns;	/* header -> [summary, ...] */
	json_t *own_fns;	/* the same for this parse */
	struct tu_file *own;	/* the files of this parse */
	size_t nown;
	json_t *visited;	/* file -> true */
	json_t *own_left;	/* file -> times this parse enters it yet */
	json_t *emitted;	/* file -> true: its own summaries are out */
	json_t *out;		/* the summaries in plain-parse order */
	size_t placed;		/* of them, from this parse */
};

static json_t *by_file(struct wctx *w, json_t *functions)
{
	json_t *m = json_object(), *f, *l;
	char *key;
	size_t i;

	json_array_foreach(functions, i, f) {
		key = file_key(w, jstr(f, "file"));
		l = json_object_get(m, key);
		if (!l)
			json_object_set_new(m, key, l = json_array());
		json_array_append(l, f);
		free(key);
	}
	return m;
}

static const struct tu_file *own_file(struct replay *rp, const char *rel)
{
	for (size_t i = 0; i < rp->nown; i++)
		if (!strcmp(rp->own[i].rel, rel))
			return &rp->own[i];
	return NULL;
}

/*
 * A header without include guard (a trace header, read again with
 * CREATE_TRACE_POINTS) is entered as many times as this parse entered it,
 * after the PCH's first time if the PCH has it; its summaries go out once.
 */
static void enter(struct replay *rp, const char *rel)
{
	const struct tu_file *own = own_file(rp, rel);
	json_int_t left = jint(rp->own_left, rel);
	bool seen = json_object_get(rp->visited, rel);
	json_t *incs, *fns, *f, *inc;
	size_t i = 0, k = 0;

	if (seen && (!own || left <= 0))
		return;
	json_object_set_new(rp->visited, rel, json_true());
	/* the PCH read a header first: this parse saw it guarded, empty */
	if (!seen && json_object_get(rp->pch_files, rel))
		own = NULL;
	if (own) {
		json_object_set_new(rp->own_left, rel, json_integer(left - 1));
		incs = file_includes(rp->w, own->file);
		fns = json_object_get(rp->emitted, rel) ? NULL :
		      json_object_get(rp->own_fns, rel);
		json_object_set_new(rp->emitted, rel, json_true());
	} else {
		incs = json_incref(json_object_get(rp->pch_files, rel));
		fns = json_object_get(rp->pch_fns, rel);
	}
	if (!incs)
		return;	/* in neither: nothing to replay */
	while (i < json_array_size(incs) || k < json_array_size(fns)) {
		f = json_array_get(fns, k);
		inc = json_array_get(incs, i);
		if (f && (!inc || jint(f, "line") <
			  json_integer_value(json_array_get(inc, 0)))) {
			json_array_append(rp->out, f);
			rp->placed += own != NULL;
			k++;
		} else {
			enter(rp, json_string_value(json_array_get(inc, 1)));
			i++;
		}
	}
	json_decref(incs);
}

/* How many times this parse entered each of its files. */
static json_t *entries_of(struct replay *rp)
{
	json_t *left = json_object();

	for (size_t i = 0; i < rp->nown; i++)
		json_object_set_new(left, rp->own[i].rel, json_integer(
			jint(left, rp->own[i].rel) + 1));
	return left;
}

/* The functions this parse defines: name -> file. */
static json_t *own_definitions(struct wctx *w)
{
	json_t *defs = json_object();
	struct cxvec top = { 0 };

	children_of(clang_getTranslationUnitCursor(w->tu), &top);
	for (unsigned i = 0; i < top.n; i++) {
		struct wloc l = { 0 };
		char *name;

		if (clang_getCursorKind(top.v[i]) != CXCursor_FunctionDecl ||
		    !clang_isCursorDefinition(top.v[i]) ||
		    !wloc_of(w, top.v[i], &l))
			continue;
		name = cursor_name(top.v[i]);
		if (!json_object_get(defs, name))
			json_object_set_new(defs, name, json_string(l.file));
		free(name);
		wloc_free(&l);
	}
	cxvec_free(&top);
	return defs;
}

/* Where a plain parse finds the callee of @call defined, or NULL. */
static const char *callee_file(struct replay *rp, json_t *defs, json_t *call)
{
	const char *own = json_string_value(json_object_get(defs,
							   jstr(call, "callee")));
	const char *had = json_string_value(json_object_get(call, "callee_file"));
	char *key;
	bool seen;

	if (own || !had)
		return own;
	key = file_key(rp->w, had);
	seen = json_object_get(rp->visited, key) != NULL;
	free(key);
	return seen ? had : NULL;
}

/* @fn, or a copy with its callees' files as a plain parse has them. */
static json_t *plain_callees(struct replay *rp, json_t *defs, json_t *fn)
{
	json_t *copy = NULL, *c;
	size_t i;

	json_array_foreach(json_object_get(fn, "calls"), i, c) {
		const char *want = callee_file(rp, defs, c);
		const char *had = json_string_value(json_object_get(c, "callee_file"));
		json_t *cc;

		if (want == had || (want && had && !strcmp(want, had)))
			continue;
		if (!copy)
			copy = json_deep_copy(fn);
		cc = json_array_get(json_object_get(copy, "calls"), i);
		if (want)
			json_object_set_new(cc, "callee_file", json_string(want));
		else
			json_object_del(cc, "callee_file");
	}
	return copy ? copy : json_incref(fn);
}

static json_t *plain_summaries(struct replay *rp)
{
	json_t *defs = own_definitions(rp->w), *out = json_array(), *fn;
	size_t i;

	json_array_foreach(rp->out, i, fn)
		json_array_append_new(out, plain_callees(rp, defs, fn));
	json_decref(defs);
	return out;
}

/* Files of the PCH this file never includes, by libclang's handle. */
struct unseen {
	struct replay *rp;
	CXFile known[64];	/* a small cache of files checked */
	bool verdict[64];
	unsigned next;
	CXCursor used;		/* what was found there */
	bool found;
};

static bool unseen_file(struct unseen *u, CXFile f)
{
	char *name, *key;
	bool bad;

	for (unsigned i = 0; i < 64; i++)
		if (u->known[i] == f)
			return u->verdict[i];
	name = cx_take(clang_getFileName(f));
	key = file_key(u->rp->w, name);
	bad = json_object_get(u->rp->pch_files, key) &&
	      !json_object_get(u->rp->visited, key);
	free(key);
	free(name);
	u->known[u->next] = f;
	u->verdict[u->next] = bad;
	u->next = (u->next + 1) % 64;
	return bad;
}

static bool in_unseen(struct unseen *u, CXCursor c)
{
	CXFile f = NULL;

	clang_getExpansionLocation(clang_getCursorLocation(c), &f, NULL, NULL,
				   NULL);
	return f && unseen_file(u, f);
}

/*
 * A builtin (__builtin_strlen) is declared implicitly where it is first
 * used, which may be in the PCH: that is no header's declaration.  Its
 * extent is the name alone, where a declaration starts with its type.
 */
static bool implicit(CXCursor c)
{
	return clang_getCursorKind(c) == CXCursor_FunctionDecl &&
	       clang_equalLocations(clang_getRangeStart(clang_getCursorExtent(c)),
				    clang_getCursorLocation(c));
}

/*
 * A struct, union or enum named is often declared ahead where its
 * definition is not included ("struct pci_dev;"), and a reference names
 * the definition: what needs the definition is a use of its fields or
 * constants, which are checked themselves.
 */
static bool tag_type(CXCursor c)
{
	enum CXCursorKind k = clang_getCursorKind(c);

	return k == CXCursor_StructDecl || k == CXCursor_UnionDecl ||
	       k == CXCursor_EnumDecl;
}

/*
 * The cursors that name a declaration or macro of elsewhere.  A call or
 * an implicit cast names what its child DeclRefExpr names, and a
 * declaration names itself.
 */
static bool names_other(enum CXCursorKind k)
{
	return clang_isReference(k) || k == CXCursor_DeclRefExpr ||
	       k == CXCursor_MemberRefExpr || k == CXCursor_MacroExpansion;
}

static enum CXChildVisitResult visit_use(CXCursor c, CXCursor parent,
					 CXClientData data)
{
	struct unseen *u = data;
	CXCursor ref;

	(void)parent;
	if (!names_other(clang_getCursorKind(c)))
		return CXChildVisit_Recurse;
	ref = clang_getCursorReferenced(c);
	/* the first declaration may be in a header the file includes */
	if (!clang_Cursor_isNull(ref) && !clang_equalCursors(ref, c) &&
	    !tag_type(ref) && in_unseen(u, ref) &&
	    in_unseen(u, clang_getCanonicalCursor(ref)) && !implicit(ref)) {
		u->used = ref;
		u->found = true;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

/*
 * A declaration or macro this parse uses that only a header of the PCH it
 * never includes gave it, as a reason to parse without; or NULL.
 */
static char *uses_unseen(struct replay *rp)
{
	struct unseen u = { .rp = rp };
	struct wloc l = { 0 };
	char *name, *why;

	clang_visitChildren(clang_getTranslationUnitCursor(rp->w->tu),
			    visit_use, &u);
	if (!u.found)
		return NULL;
	name = cursor_name(u.used);
	wloc_of(rp->w, u.used, &l);
	why = xasprintf("uses %s of %s, which it does not include", name,
			l.file ? l.file : "?");
	wloc_free(&l);
	free(name);
	return why;
}

static void enter_path(struct replay *rp, const char *abs)
{
	char *rel = file_key(rp->w, abs);

	enter(rp, rel);
	free(rel);
}

bool pch_replay(struct wctx *w, json_t *pch, const struct wreq *r,
		json_t *doc, char **why)
{
	struct replay rp = { .w = w };
	char *main_rel = file_key(w, w->main_file);
	bool ok;

	rp.pch_files = json_object_get(pch, "files");
	rp.pch_fns = by_file(w, json_object_get(pch, "functions"));
	rp.own_fns = by_file(w, w->functions);
	rp.nown = tu_files(w, &rp.own);
	rp.own_left = entries_of(&rp);
	rp.emitted = json_object();
	rp.visited = json_object();
	rp.out = json_array();
	for (size_t i = 0; i + 1 < r->nargs; i++)
		if (!strcmp(r->args[i], "-include"))
			enter_path(&rp, r->args[i + 1]);
	enter(&rp, main_rel);
	if (rp.placed != json_array_size(w->functions))
		*why = xstrdup("a function outside the files replayed");
	else
		*why = uses_unseen(&rp);
	ok = !*why;
	if (ok) {
		json_decref(w->functions);
		w->functions = plain_summaries(&rp);
		/* the PCH's headers are in its key, which is in the file's */
		record_inclusions(w, doc);
	}
	json_decref(rp.out);
	tu_files_free(rp.own, rp.nown);
	free(main_rel);
	json_decref(rp.visited);
	json_decref(rp.own_left);
	json_decref(rp.emitted);
	json_decref(rp.own_fns);
	json_decref(rp.pch_fns);
	return ok;
}
