// SPDX-License-Identifier: GPL-2.0
/*
 * Function summaries: for every function definition that takes a VMA or a
 * vm_area_desc, what it does to it.
 *
 *   sets / clears   flag changes, by the three generations of primitives:
 *                   direct "vma->vm_flags |= X" writes (up to 6.2), the
 *                   vm_flags_*() family (6.3+), and the vma_flags_t helpers
 *                   with VMA_*_BIT names (7.0);
 *   calls           calls that pass the VMA on, with the argument carrying it;
 *   dispatch        calls through an ops pointer that pass the VMA on;
 *   rejects_private an error return guarded by a !VM_SHARED or
 *                   is_cow_mapping() test; rejects_private_always when
 *                   every path passes that test, or when the function
 *                   has no success return at all ("return -ENODEV;").
 *
 * Each site is marked "must" when every success path through the function
 * reaches it: it is not inside a branch or loop body, and no success return
 * comes before it.  The driver combines the summaries over the call graph.
 *
 * Flag expressions are reported as the VMA_*_BIT enumerators they name
 * (7.0 builds VM_IO and friends from them) and as their integer value when
 * clang can evaluate it (older trees, where VM_IO is a plain constant); the
 * driver maps values to VM_* names from the tree's own include/linux/mm.h.
 */
#include "worker/worker.h"

#include <stdlib.h>
#include <string.h>

enum prim_kind { PRIM_SET, PRIM_CLEAR, PRIM_MOD };

/* Flag-changing primitives: name, what they do, the flag argument. */
static const struct prim {
	const char *name;
	enum prim_kind kind;
	int arg;
} prims[] = {
	{ "vm_flags_init", PRIM_SET, 1 },
	{ "vm_flags_reset", PRIM_SET, 1 },
	{ "vm_flags_reset_once", PRIM_SET, 1 },
	{ "vm_flags_set", PRIM_SET, 1 },
	{ "vm_flags_clear", PRIM_CLEAR, 1 },
	{ "vm_flags_mod", PRIM_MOD, 1 },
	{ "__vm_flags_mod", PRIM_MOD, 1 },
	{ "vma_set_flags_mask", PRIM_SET, 1 },
	{ "vma_clear_flags_mask", PRIM_CLEAR, 1 },
	{ "vma_desc_set_flags_mask", PRIM_SET, 1 },
	{ "vma_desc_clear_flags_mask", PRIM_CLEAR, 1 },
	{ NULL, 0, 0 },
};

static const struct prim *find_prim(const char *name)
{
	for (int i = 0; prims[i].name; i++)
		if (!strcmp(prims[i].name, name))
			return &prims[i];
	return NULL;
}

struct sctx {
	struct wctx *w;
	json_t *fn;		/* the summary being built */
	CXCursor *vars;		/* parameters and locals holding the VMA */
	unsigned nvars;
	bool returned;		/* a success return has been seen */
	bool succeeds;		/* ...anywhere, or the end can be reached */
	/*
	 * In "if (obj->funcs->mmap) obj->funcs->mmap(..); else X;", X runs
	 * only when the field is NULL: its sites are marked "unless" the
	 * field, and the dispatch counts as made on every path where the if
	 * statement is reached (@pos_must), X standing in for it.
	 */
	const char *unless;
	const char *pos_field;
	bool pos_must;
	struct strvec fields;	/* owns the strings above */
};

static bool is_vma_var(struct sctx *s, CXCursor decl)
{
	for (unsigned i = 0; i < s->nvars; i++)
		if (clang_equalCursors(s->vars[i], decl))
			return true;
	return false;
}

static void add_var(struct sctx *s, CXCursor decl)
{
	s->vars = xrealloc(s->vars, (s->nvars + 1) * sizeof(*s->vars));
	s->vars[s->nvars++] = decl;
}

static bool is_vma_pointer(CXType t)
{
	const char *rec;

	t = clang_getCanonicalType(t);
	if (t.kind != CXType_Pointer)
		return false;
	rec = record_name_of(clang_getPointeeType(t));
	return rec && (!strcmp(rec, "vm_area_struct") ||
		       !strcmp(rec, "vm_area_desc"));
}

/* Does @expr name one of the VMA variables (vma, or an alias of it)? */
static bool carries_vma(struct sctx *s, CXCursor expr)
{
	CXCursor e = strip_expr(expr);

	return clang_getCursorKind(e) == CXCursor_DeclRefExpr &&
	       is_vma_var(s, clang_getCursorReferenced(e));
}

static void site(struct sctx *s, json_t *o, CXCursor c, bool must)
{
	struct wloc l = { 0 };

	if (wloc_of(s->w, c, &l)) {
		json_object_set_new(o, "line", json_integer(l.line));
		json_object_set_new(o, "col", json_integer(l.col));
	}
	wloc_free(&l);
	json_object_set_new(o, "must", json_boolean(must && !s->returned));
	if (s->unless)
		json_object_set_new(o, "unless", json_string(s->unless));
}

static void collect_bits(CXCursor c, json_t *bits)
{
	struct cxvec kids = { 0 };

	if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
		CXCursor d = clang_getCursorReferenced(c);
		char *name;

		if (clang_getCursorKind(d) == CXCursor_EnumConstantDecl) {
			name = cursor_name(d);
			if (str_starts(name, "VMA_") && str_ends(name, "_BIT"))
				json_array_append_new(bits, json_string(name));
			free(name);
		}
	}
	children_of(c, &kids);
	for (unsigned i = 0; i < kids.n; i++)
		collect_bits(kids.v[i], bits);
	cxvec_free(&kids);
}

/* A flag expression: the VMA_*_BIT names in it, and its value if known. */
static json_t *flag_expr(CXCursor e, bool negate_ok)
{
	json_t *o = json_object(), *bits = json_array();
	CXEvalResult r;

	if (negate_ok && clang_getCursorKind(e) == CXCursor_UnaryOperator &&
	    clang_getCursorUnaryOperatorKind(e) == CXUnaryOperator_Not) {
		struct cxvec k = { 0 };

		children_of(e, &k);
		if (k.n)
			e = k.v[0];
		cxvec_free(&k);
	}
	collect_bits(e, bits);
	json_object_set_new(o, "bits", bits);
	r = clang_Cursor_Evaluate(e);
	if (r && clang_EvalResult_getKind(r) == CXEval_Int)
		json_object_set_new(o, "value", json_integer(
			(json_int_t)clang_EvalResult_getAsUnsigned(r)));
	if (r)
		clang_EvalResult_dispose(r);
	return o;
}

static void add_change(struct sctx *s, const char *list, CXCursor at,
		       CXCursor expr, const char *via, bool must)
{
	json_t *o = flag_expr(expr, !strcmp(list, "clears"));

	json_object_set_new(o, "via", json_string(via));
	site(s, o, at, must);
	json_array_append_new(json_object_get(s->fn, list), o);
}

static void prim_call(struct sctx *s, CXCursor call, const struct prim *p,
		      const char *name, bool must)
{
	int n = clang_Cursor_getNumArguments(call);

	if (n <= p->arg)
		return;
	if (p->kind == PRIM_CLEAR) {
		add_change(s, "clears", call, clang_Cursor_getArgument(call, p->arg),
			   name, must);
		return;
	}
	add_change(s, "sets", call, clang_Cursor_getArgument(call, p->arg),
		   name, must);
	if (p->kind == PRIM_MOD && n > p->arg + 1)
		add_change(s, "clears", call,
			   clang_Cursor_getArgument(call, p->arg + 1), name, must);
}

static char *tokens_of(struct wctx *w, CXCursor c);

/*
 * The spelling of each argument of a call that passes the VMA on: the
 * conversion categories ask, for instance, whether a remap covers the
 * whole VMA.
 */
static json_t *call_args(struct sctx *s, CXCursor call, int n)
{
	json_t *args = json_array();

	for (int i = 0; i < n && i < 6; i++) {
		char *t = tokens_of(s->w, clang_Cursor_getArgument(call, i));
		size_t len = strlen(t);

		/* " a -> b " -> "a -> b", at most 100 characters */
		while (len && t[len - 1] == ' ')
			t[--len] = '\0';
		json_array_append_new(args, json_stringn(t + (*t == ' '),
					len > 100 ? 100 : len - (*t == ' ')));
		free(t);
	}
	return args;
}

static void call_site(struct sctx *s, CXCursor call, bool must)
{
	CXCursor fn = clang_getCursorReferenced(call);
	int n = clang_Cursor_getNumArguments(call), argno = -1;
	const struct prim *p;
	char *name;
	json_t *o;

	for (int i = 0; i < n && argno < 0; i++)
		if (carries_vma(s, clang_Cursor_getArgument(call, i)))
			argno = i;
	if (clang_getCursorKind(fn) != CXCursor_FunctionDecl) {
		struct cxvec kids = { 0 };
		char *field;

		children_of(call, &kids);
		field = argno >= 0 && kids.n ? dispatch_field(kids.v[0]) : NULL;
		if (field) {
			char *holder = dispatch_holder(kids.v[0]);

			if (s->pos_field && !strcmp(field, s->pos_field))
				must = s->pos_must;
			o = json_pack("{s:s, s:i, s:s?}", "field", field,
				      "argno", argno, "holder", holder);
			free(holder);
			site(s, o, call, must);
			json_array_append_new(json_object_get(s->fn, "dispatch"), o);
		}
		free(field);
		cxvec_free(&kids);
		return;
	}
	name = cursor_name(fn);
	p = find_prim(name);
	if (p && argno == 0) {
		prim_call(s, call, p, name, must);
	} else if (argno >= 0 && !p) {
		CXCursor def = clang_getCursorDefinition(fn);
		struct wloc l = { 0 };

		o = json_pack("{s:s, s:i, s:o}", "callee", name, "argno", argno,
			      "args", call_args(s, call, n));
		if (!clang_Cursor_isNull(def) && wloc_of(s->w, def, &l))
			json_object_set_new(o, "callee_file", json_string(l.file));
		wloc_free(&l);
		site(s, o, call, must);
		json_array_append_new(json_object_get(s->fn, "calls"), o);
	}
	free(name);
}

static bool is_flags_field(CXCursor lhs)
{
	CXCursor f;
	char *name;
	bool ok;

	lhs = strip_expr(lhs);
	if (clang_getCursorKind(lhs) != CXCursor_MemberRefExpr)
		return false;
	f = clang_getCursorReferenced(lhs);
	name = cursor_name(f);
	ok = !strcmp(name, "vm_flags") || !strcmp(name, "__vm_flags");
	free(name);
	return ok;
}

/* vma->vm_flags |= X;  vma->vm_flags &= ~X;  vma->vm_flags = X; */
static void direct_write(struct sctx *s, CXCursor c, bool must)
{
	enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(c);
	struct cxvec kids = { 0 };

	children_of(c, &kids);
	if (kids.n == 2 && is_flags_field(kids.v[0])) {
		if (op == CXBinaryOperator_OrAssign || op == CXBinaryOperator_Assign)
			add_change(s, "sets", c, kids.v[1], "vm_flags", must);
		else if (op == CXBinaryOperator_AndAssign)
			add_change(s, "clears", c, kids.v[1], "vm_flags", must);
	}
	cxvec_free(&kids);
}

static void walk(struct sctx *s, CXCursor c, bool must);

/* The spelled tokens of @c, each with a space on both sides. */
static char *tokens_of(struct wctx *w, CXCursor c)
{
	return cursor_tokens(w, c, " ");
}

/* Names an error code is kept in, for "return ret;" after a failed step. */
static const char *const error_vars[] = { "ret", "err", "rc", "error",
					  "retval", "rv", "status", NULL };

/* return -EINVAL; return ERR_PTR(..); or "return ret;" in a branch */
static bool error_return(struct sctx *s, CXCursor ret, bool must)
{
	char *t = tokens_of(s->w, ret);
	bool err = strstr(t, " return - ") || strstr(t, "ERR_PTR") ||
		   strstr(t, "PTR_ERR");

	for (int i = 0; !err && !must && error_vars[i]; i++) {
		/* a statement's extent may or may not take in its ';' */
		char *form = xasprintf(" return %s ", error_vars[i]);

		err = str_starts(t, form) && (!t[strlen(form)] ||
					       !strcmp(t + strlen(form), "; "));
		free(form);
	}
	free(t);
	return err;
}

/*
 * Does the branch itself fail: "return -EINVAL;", or a block with such a
 * return at its top level?  A return nested in a further test (6.12's
 * remap_pfn_range_notrack refuses only partial COW remaps) does not
 * count.
 */
static bool branch_fails(struct sctx *s, CXCursor c)
{
	struct cxvec kids = { 0 };
	bool found = false;

	if (clang_getCursorKind(c) == CXCursor_ReturnStmt)
		return error_return(s, c, false);
	if (clang_getCursorKind(c) != CXCursor_CompoundStmt)
		return false;
	children_of(c, &kids);
	for (unsigned i = 0; i < kids.n && !found; i++)
		found = clang_getCursorKind(kids.v[i]) == CXCursor_ReturnStmt &&
			error_return(s, kids.v[i], false);
	cxvec_free(&kids);
	return found;
}

/* Is @cond "A && B" (under parentheses), true only with something more? */
static bool conjunction(CXCursor cond)
{
	cond = strip_expr(cond);
	return clang_getCursorKind(cond) == CXCursor_BinaryOperator &&
	       clang_getCursorBinaryOperatorKind(cond) == CXBinaryOperator_LAnd;
}

/*
 * if (!(vma->vm_flags & VM_SHARED)) return -EINVAL; and its cousins.  On
 * every path (@must, and no success return before it), the function
 * refuses every private mapping: "rejects_private_always".
 */
static void private_guard(struct sctx *s, CXCursor cond, CXCursor then,
			  bool must)
{
	char *t = tokens_of(s->w, cond);
	bool shared = strstr(t, "VM_SHARED") || strstr(t, "VM_MAYSHARE") ||
		      strstr(t, "VMA_SHARED_BIT") || strstr(t, "VMA_MAYSHARE_BIT");
	bool negated = strstr(t, "!") || strstr(t, "== 0");
	bool cow = strstr(t, "is_cow_mapping");
	/* (vm_flags & (VM_SHARED | VM_MAYSHARE)) != (VM_SHARED | VM_MAYSHARE) */
	const char *ne = strstr(t, "!=");
	bool mask_ne = ne && strstr(t, "VM_SHARED") < ne && strstr(ne, "VM_SHARED");

	if (((shared && negated && !ne) || cow || mask_ne) &&
	    branch_fails(s, then)) {
		json_object_set_new(s->fn, "rejects_private", json_true());
		/* "if (in_ring && !shared)" refuses some private mappings only */
		if (must && !s->returned && !conjunction(cond))
			json_object_set_new(s->fn, "rejects_private_always",
					    json_true());
	}
	free(t);
}

static void walk_kids(struct sctx *s, CXCursor c, bool must, int from_branch)
{
	struct cxvec kids = { 0 };

	children_of(c, &kids);
	for (unsigned i = 0; i < kids.n; i++)
		walk(s, kids.v[i], must && (from_branch < 0 || (int)i < from_branch));
	cxvec_free(&kids);
}

/*
 * "if (!(vma->vm_flags & VM_MIXEDMAP)) vm_flags_set(vma, VM_MIXEDMAP);"
 * leaves the flag set on every path: the branch runs exactly when the flag
 * is missing.  Such a guarded set counts as reached by every path.
 */
static bool set_if_missing(struct sctx *s, CXCursor cond)
{
	char *t = tokens_of(s->w, cond);
	bool idiom = str_starts(t, " ! ") && !strstr(t, "&&") &&
		     !strstr(t, "||") && (strstr(t, "& VM_") || strstr(t, "_BIT"));

	free(t);
	return idiom;
}

/* Does @c (a branch) end with a return? */
static bool ends_in_return(CXCursor c)
{
	struct cxvec kids = { 0 };
	bool r;

	if (clang_getCursorKind(c) != CXCursor_CompoundStmt)
		return clang_getCursorKind(c) == CXCursor_ReturnStmt;
	children_of(c, &kids);
	r = kids.n && clang_getCursorKind(kids.v[kids.n - 1]) == CXCursor_ReturnStmt;
	cxvec_free(&kids);
	return r;
}

/*
 * "if (x->f) A else B", f an ops field taking a VMA: A dispatches through
 * it, B is what happens without it (also the rest of the block when A
 * returns).  B is walked as a path of its own, marked "unless" f.
 */
static void walk_field_if(struct sctx *s, struct cxvec *kids, bool must,
			  int test, char *field)
{
	const char *unless = s->unless, *pos = s->pos_field;
	bool pos_must = s->pos_must, returned = s->returned;

	sv_take(&s->fields, field);
	walk(s, kids->v[0], must);
	for (unsigned i = 1; i < kids->n; i++) {
		if ((test > 0) == (i == 1)) {
			s->pos_field = field;
			s->pos_must = must && !s->returned;
			walk(s, kids->v[i], false);
			s->pos_field = pos;
			s->pos_must = pos_must;
		} else {
			s->unless = field;
			walk(s, kids->v[i], must);
			s->unless = unless;
		}
		/* a return in one branch does not end the other's path */
		s->returned = returned;
	}
	/* "if (x->f) return x->f(..);": the rest is the fallback */
	if (test > 0 && kids->n == 2 && ends_in_return(kids->v[1]))
		s->unless = field;
}

static void walk_if(struct sctx *s, CXCursor c, bool must)
{
	struct cxvec kids = { 0 };
	bool then_must = false;
	char *field = NULL;
	int test;

	children_of(c, &kids);
	if (kids.n >= 2) {
		private_guard(s, kids.v[0], kids.v[1], must);
		then_must = kids.n == 2 && set_if_missing(s, kids.v[0]);
	}
	test = kids.n >= 2 && !s->unless ? field_test(kids.v[0], &field) : 0;
	if (test) {
		walk_field_if(s, &kids, must, test, field);
		cxvec_free(&kids);
		return;
	}
	/* the condition always runs; the branches may not */
	for (unsigned i = 0; i < kids.n; i++)
		walk(s, kids.v[i], must && (i == 0 || (i == 1 && then_must)));
	cxvec_free(&kids);
}

/* struct vm_area_struct *v = vma;  makes v an alias of the VMA */
static void local_alias(struct sctx *s, CXCursor decl)
{
	struct cxvec kids = { 0 };

	if (!is_vma_pointer(clang_getCursorType(decl)))
		return;
	children_of(decl, &kids);
	if (kids.n && carries_vma(s, kids.v[kids.n - 1]))
		add_var(s, decl);
	cxvec_free(&kids);
}

static void walk(struct sctx *s, CXCursor c, bool must)
{
	enum CXBinaryOperatorKind op;

	switch (clang_getCursorKind(c)) {
	case CXCursor_IfStmt:
		walk_if(s, c, must);
		return;
	case CXCursor_CompoundStmt: {
		/* a fallback begun in a block ends with it */
		const char *unless = s->unless;

		walk_kids(s, c, must, -1);
		s->unless = unless;
		return;
	}
	case CXCursor_ForStmt:
	case CXCursor_WhileStmt:
	case CXCursor_DoStmt:
	case CXCursor_SwitchStmt:
		walk_kids(s, c, must, 1);	/* the head runs, the body may not */
		return;
	case CXCursor_ConditionalOperator:
		walk_kids(s, c, must, 1);
		return;
	case CXCursor_BinaryOperator:
		op = clang_getCursorBinaryOperatorKind(c);
		if (op == CXBinaryOperator_LAnd || op == CXBinaryOperator_LOr) {
			walk_kids(s, c, must, 1);
			return;
		}
		direct_write(s, c, must);
		break;
	case CXCursor_CompoundAssignOperator:
		direct_write(s, c, must);
		break;
	case CXCursor_VarDecl:
		local_alias(s, c);
		break;
	case CXCursor_CallExpr:
		call_site(s, c, must);
		break;
	case CXCursor_ReturnStmt:
		walk_kids(s, c, must, -1);
		if (!error_return(s, c, must))
			s->returned = s->succeeds = true;
		return;
	default:
		break;
	}
	walk_kids(s, c, must, -1);
}

static json_t *new_summary(struct wctx *w, CXCursor fn, const char *kind,
			   int argno)
{
	struct wloc l = { 0 };
	json_t *f;

	if (!wloc_of(w, fn, &l))
		return NULL;
	f = json_object();
	json_object_set_new(f, "name", json_take(cursor_name(fn)));
	json_object_set_new(f, "file", json_string(l.file));
	json_object_set_new(f, "line", json_integer(l.line));
	json_object_set_new(f, "static",
			    json_boolean(clang_Cursor_getStorageClass(fn) ==
					 CX_SC_Static));
	json_object_set_new(f, "arg", json_string(kind));
	json_object_set_new(f, "argno", json_integer(argno));
	json_object_set_new(f, "sets", json_array());
	json_object_set_new(f, "clears", json_array());
	json_object_set_new(f, "calls", json_array());
	json_object_set_new(f, "dispatch", json_array());
	json_object_set_new(f, "rejects_private", json_false());
	json_object_set_new(f, "rejects_private_always", json_false());
	wloc_free(&l);
	return f;
}

static void summarize_fn(struct wctx *w, CXCursor fn)
{
	int argno = -1, n = clang_Cursor_getNumArguments(fn);
	const char *kind = fn_type_vma_kind(clang_getCursorType(fn), &argno);
	struct sctx s = { .w = w };
	struct cxvec kids = { 0 };
	char *name;

	if (!kind)
		return;
	name = cursor_name(fn);
	if (find_prim(name)) {
		free(name);
		return;		/* recognised at its call sites */
	}
	free(name);
	s.fn = new_summary(w, fn, kind, argno);
	if (!s.fn)
		return;
	for (int i = 0; i < n; i++) {
		CXCursor p = clang_Cursor_getArgument(fn, i);

		if (is_vma_pointer(clang_getCursorType(p)))
			add_var(&s, p);
	}
	children_of(fn, &kids);
	for (unsigned i = 0; i < kids.n; i++)
		if (clang_getCursorKind(kids.v[i]) == CXCursor_CompoundStmt) {
			walk(&s, kids.v[i], true);
			s.succeeds |= !ends_in_return(kids.v[i]);
		}
	cxvec_free(&kids);
	/* every path fails: private mappings (and any other) are refused */
	if (!s.succeeds)
		json_object_set_new(s.fn, "rejects_private_always", json_true());
	free(s.vars);
	sv_free(&s.fields);
	json_array_append_new(w->functions, s.fn);
}

/*
 * Functions of the main file and its driver-local headers, and the inline
 * helpers of shared headers that take a VMA (io_remap_pfn_range and the
 * like): the driver deduplicates the latter.
 */
void summarize_tu(struct wctx *w)
{
	struct cxvec top = { 0 };

	children_of(clang_getTranslationUnitCursor(w->tu), &top);
	for (unsigned i = 0; i < top.n; i++) {
		CXCursor c = top.v[i];

		if (clang_getCursorKind(c) != CXCursor_FunctionDecl ||
		    !clang_isCursorDefinition(c))
			continue;
		if (wctx_wants(w, c) ||
		    fn_type_vma_kind(clang_getCursorType(c), NULL))
			summarize_fn(w, c);
	}
	cxvec_free(&top);
}
