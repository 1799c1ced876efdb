// SPDX-License-Identifier: GPL-2.0
/*
 * Discovery of mmap entry points, by type.
 *
 * An entry point is a function stored in a struct field whose type is a
 * pointer to a function taking a struct vm_area_struct * (the legacy
 * ->mmap) or a struct vm_area_desc * (->mmap_prepare).  The field's name
 * does not matter, so v4l2, fbdev, proc_ops, DRM GEM, dma-buf, ALSA, vfio,
 * RDMA, proto_ops, kernfs and sysfs tables are found the same way as
 * file_operations.
 *
 * Struct types whose VMA-taking members act on a VMA that already exists
 * (lifecycle hooks) are not mapping providers; see lifecycle_types[].  They
 * are counted in "excluded" so that nothing disappears silently.
 *
 * Stored functions are found in static initializers (also when a macro
 * generates them; the location is then the expansion site), arrays of ops
 * structs, compound literals, and runtime assignments (fops->mmap = foo).
 */
#include "worker/worker.h"

#include <stdlib.h>
#include <string.h>


struct dctx {
	struct wctx *w;
	char *func;		/* enclosing function definition, if any */
	char *var;		/* variable being initialised, if any */
	unsigned func_line, var_line;
	const CXCursor *guard;	/* the test of the "if" whose body is walked */
	bool guarded;		/* a store tested to be empty first */
};

static void count_excluded(struct wctx *w, const char *type, const char *field)
{
	char *key = xasprintf("%s.%s", type, field);
	json_t *n = json_object_get(w->excluded, key);

	json_object_set_new(w->excluded, key,
			    json_integer(n ? json_integer_value(n) + 1 : 1));
	free(key);
}

static void set_loc(json_t *o, const char *prefix, const struct wloc *l)
{
	char key[32];

	snprintf(key, sizeof(key), "%sfile", prefix);
	json_object_set_new(o, key, json_string(l->file));
	snprintf(key, sizeof(key), "%sline", prefix);
	json_object_set_new(o, key, json_integer(l->line));
}

static void add_callback(struct wctx *w, json_t *e, CXCursor fn)
{
	CXCursor def = clang_getCursorDefinition(fn);
	bool defined = !clang_Cursor_isNull(def);
	struct wloc l = { 0 };

	json_object_set_new(e, "callback", json_take(cursor_name(fn)));
	if (wloc_of(w, defined ? def : fn, &l))
		set_loc(e, "callback_", &l);
	json_object_set_new(e, "callback_defined", json_boolean(defined));
	json_object_set_new(e, "callback_static",
			    json_boolean(clang_Cursor_getStorageClass(fn) ==
					 CX_SC_Static));
	wloc_free(&l);
}

/*
 * @value is stored in @field of an ops struct.  Record it when it names a
 * function and the field's type takes a VMA.
 */
static void add_entry(struct dctx *d, CXCursor field, CXCursor value,
		      const char *ops_name, const char *form)
{
	struct wctx *w = d->w;
	const char *kind = fn_type_vma_kind(clang_getCursorType(field), NULL);
	CXCursor fn = clang_getCursorReferenced(value);
	char *type, *fname, *macro;
	struct wloc l = { 0 };
	json_t *e;

	if (!kind || clang_getCursorKind(fn) != CXCursor_FunctionDecl)
		return;
	type = field_owner(field);
	fname = cursor_name(field);
	if (is_lifecycle_type(type)) {
		count_excluded(w, type, fname);
		goto out;
	}
	if (!wloc_of(w, value, &l))
		goto out;
	e = json_object();
	json_object_set_new(e, "file", json_string(l.file));
	json_object_set_new(e, "line", json_integer(l.line));
	json_object_set_new(e, "col", json_integer(l.col));
	json_object_set_new(e, "ops_type", json_string(type));
	json_object_set_new(e, "field", json_string(fname));
	json_object_set_new(e, "ops_name", json_string(ops_name));
	json_object_set_new(e, "arg", json_string(kind));
	macro = macro_at(w, clang_getCursorLocation(value));
	json_object_set_new(e, "form", json_string(macro ? "macro" : form));
	if (macro)
		json_object_set_new(e, "macro", json_string(macro));
	if (d->func)
		json_object_set_new(e, "function", json_string(d->func));
	add_callback(w, e, fn);
	json_array_append_new(w->entries, e);
	free(macro);
	wloc_free(&l);
out:
	free(type);
	free(fname);
}

static void walk_init(struct dctx *d, CXCursor init, const char *name,
		      const char *form);

struct fields {
	CXCursor *v;
	unsigned n;
};

static enum CXVisitorResult push_field(CXCursor c, CXClientData data)
{
	struct fields *f = data;

	f->v = xrealloc(f->v, (f->n + 1) * sizeof(*f->v));
	f->v[f->n++] = c;
	return CXVisit_Continue;
}

static int field_index(const struct fields *f, CXCursor field)
{
	for (unsigned i = 0; i < f->n; i++)
		if (clang_equalCursors(f->v[i], field))
			return (int)i;
	return -1;
}

/* An ops table stored into @field, maybe (stores.c decides). */
static void store_at(struct dctx *d, CXCursor field, CXCursor value)
{
	struct store_site s = {
		.field = field, .at = value,
		.in = d->func ? d->func : d->var,
		.in_line = d->func ? d->func_line : d->var_line,
		.guarded = d->guarded,
	};

	record_store(d->w, &s, value);
}

/* The value stored in @field: a function, a table, or a nested initializer. */
static void walk_value(struct dctx *d, CXCursor field, CXCursor value,
		       const char *name, const char *form)
{
	CXCursor v = strip_expr(value);
	enum CXCursorKind k = clang_getCursorKind(v);
	char *fname, *sub;

	if (k == CXCursor_InitListExpr) {
		fname = cursor_name(field);
		sub = xasprintf("%s.%s", name, fname);
		walk_init(d, v, sub, form);
		free(sub);
		free(fname);
	} else if (k == CXCursor_DeclRefExpr) {
		add_entry(d, field, v, name, form);
		record_function_ref(d->w, v);
		store_at(d, field, value);
	} else if (k == CXCursor_ConditionalOperator) {
		store_at(d, field, value);
	}
}

/*
 * A designated initializer (".a.b = x") is an unexposed expression whose
 * children are one MemberRef per designator, then the value.
 */
static bool designated(CXCursor c, struct cxvec *kids)
{
	if (clang_getCursorKind(c) != CXCursor_UnexposedExpr)
		return false;
	children_of(c, kids);
	return kids->n >= 2 &&
	       clang_getCursorKind(kids->v[0]) == CXCursor_MemberRef;
}

static void walk_record_init(struct dctx *d, CXCursor init, CXType t,
			     const char *name, const char *form)
{
	struct fields f = { 0 };
	struct cxvec items = { 0 }, kids = { 0 };
	unsigned next = 0;

	clang_Type_visitFields(t, push_field, &f);
	children_of(init, &items);
	for (unsigned i = 0; i < items.n; i++) {
		CXCursor field;

		if (designated(items.v[i], &kids)) {
			field = clang_getCursorReferenced(kids.v[kids.n - 2]);
			if (field_index(&f, clang_getCursorReferenced(
						kids.v[0])) >= 0)
				next = field_index(&f, clang_getCursorReferenced(
							       kids.v[0])) + 1;
			walk_value(d, field, kids.v[kids.n - 1], name, form);
		} else if (next < f.n) {
			/* positional: the next field in declaration order */
			walk_value(d, f.v[next++], items.v[i], name, form);
		}
	}
	cxvec_free(&kids);
	cxvec_free(&items);
	free(f.v);
}

/* An array designator "[i] = v" has the index, then the value. */
/* "[SNDRV_DMA_TYPE_DEV] = &snd_dma_dev_ops": a table at a named index */
static void array_store(struct dctx *d, const char *array, CXCursor index,
			CXCursor value)
{
	char *name = const_name(d->w, index);
	struct store_site s = {
		.array = array, .at = value,
		.in = d->func ? d->func : d->var,
		.in_line = d->func ? d->func_line : d->var_line,
	};

	if (!name)
		return;
	s.index = name;
	record_store(d->w, &s, value);
	free(name);
}

static void walk_array_init(struct dctx *d, CXCursor init, const char *name,
			    const char *form)
{
	struct cxvec items = { 0 }, kids = { 0 };
	long long idx = 0;

	children_of(init, &items);
	for (unsigned i = 0; i < items.n; i++, idx++) {
		CXCursor v = items.v[i];
		char *sub;

		if (clang_getCursorKind(v) == CXCursor_UnexposedExpr) {
			children_of(v, &kids);
			if (kids.n == 2) {
				CXEvalResult r = clang_Cursor_Evaluate(kids.v[0]);

				if (r && clang_EvalResult_getKind(r) == CXEval_Int)
					idx = clang_EvalResult_getAsLongLong(r);
				if (r)
					clang_EvalResult_dispose(r);
				array_store(d, name, kids.v[0], kids.v[1]);
				v = kids.v[1];
			}
		}
		v = strip_expr(v);
		if (clang_getCursorKind(v) != CXCursor_InitListExpr)
			continue;
		sub = xasprintf("%s[%lld]", name, idx);
		walk_init(d, v, sub, strcmp(form, "initializer") ? form : "array");
		free(sub);
	}
	cxvec_free(&kids);
	cxvec_free(&items);
}

static void walk_init(struct dctx *d, CXCursor init, const char *name,
		      const char *form)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(init));

	if (t.kind == CXType_Record)
		walk_record_init(d, init, t, name, form);
	else if (t.kind == CXType_ConstantArray ||
		 t.kind == CXType_IncompleteArray)
		walk_array_init(d, init, name, form);
}

/* The text of an expression, e.g. "info->fbops" for a runtime store. */
static char *expr_text(struct wctx *w, CXCursor c)
{
	char *out = cursor_tokens(w, c, "");

	if (!*out) {
		free(out);
		out = xstrdup("?");
	}
	return out;
}

/* Does the test @test say that @lhs is empty: "!x->f", "x->f == NULL"? */
static bool is_empty_test(struct wctx *w, CXCursor test, CXCursor lhs)
{
	char *guard = cursor_tokens(w, test, "");
	char *l = cursor_tokens(w, lhs, "");
	char *a = xasprintf("!%s", l), *b = xasprintf("!(%s)", l);
	char *c = xasprintf("%s==NULL", l), *e = xasprintf("NULL==%s", l);
	bool ok = !strcmp(guard, a) || !strcmp(guard, b) ||
		  !strcmp(guard, c) || !strcmp(guard, e);

	free(l), free(a), free(b), free(c), free(e), free(guard);
	return ok;
}

/* A runtime store: "ops->mmap = foo;" */
static void walk_assign(struct dctx *d, CXCursor c)
{
	struct cxvec kids = { 0 }, base = { 0 };
	CXCursor field;
	char *name;

	children_of(c, &kids);
	if (kids.n != 2 ||
	    clang_getCursorKind(kids.v[0]) != CXCursor_MemberRefExpr)
		goto out;
	field = clang_getCursorReferenced(kids.v[0]);
	if (clang_getCursorKind(field) != CXCursor_FieldDecl)
		goto out;
	children_of(kids.v[0], &base);
	name = base.n ? expr_text(d->w, base.v[0]) : xstrdup("?");
	d->guarded = d->guard && is_empty_test(d->w, *d->guard, kids.v[0]);
	walk_value(d, field, kids.v[1], name, "assignment");
	d->guarded = false;
	free(name);
	cxvec_free(&base);
out:
	cxvec_free(&kids);
}

static void visit(struct dctx *d, CXCursor c, int depth);

static void visit_children(struct dctx *d, CXCursor c, int depth)
{
	struct cxvec kids = { 0 };

	children_of(c, &kids);
	for (unsigned i = 0; i < kids.n; i++)
		visit(d, kids.v[i], depth + 1);
	cxvec_free(&kids);
}

static unsigned line_of(struct wctx *w, CXCursor c)
{
	struct wloc l = { 0 };
	unsigned line = wloc_of(w, c, &l) ? l.line : 0;

	wloc_free(&l);
	return line;
}

/* "if (!x->f) x->f = &table;": the body is walked knowing the test */
static void visit_if(struct dctx *d, CXCursor c, int depth)
{
	struct cxvec kids = { 0 };
	const CXCursor *saved = d->guard;

	children_of(c, &kids);
	/* its text only when a store is tested: "if" may span a macro */
	for (unsigned i = 0; i < kids.n; i++) {
		d->guard = i == 1 ? &kids.v[0] : NULL;
		visit(d, kids.v[i], depth + 1);
	}
	d->guard = saved;
	cxvec_free(&kids);
}

static void visit(struct dctx *d, CXCursor c, int depth)
{
	char *saved, *name;
	unsigned line;

	switch (clang_getCursorKind(c)) {
	case CXCursor_FunctionDecl:
		if (!clang_isCursorDefinition(c))
			return;
		record_function_def(d->w, c);
		saved = d->func;
		line = d->func_line;
		d->func = cursor_name(c);
		d->func_line = line_of(d->w, c);
		visit_children(d, c, depth);
		free(d->func);
		d->func = saved;
		d->func_line = line;
		return;
	case CXCursor_VarDecl:
		saved = d->var;
		line = d->var_line;
		d->var = cursor_name(c);
		d->var_line = line_of(d->w, c);
		visit_children(d, c, depth);
		free(d->var);
		d->var = saved;
		d->var_line = line;
		return;
	case CXCursor_IfStmt:
		visit_if(d, c, depth);
		return;
	case CXCursor_DeclRefExpr:
		record_function_ref(d->w, c);
		record_const_ref(d->w, c);
		break;
	case CXCursor_CallExpr:
		/* a macro constant handed to a helper (SNDRV_DMA_TYPE_DEV_SG) */
		for (int i = 0; i < clang_Cursor_getNumArguments(c); i++)
			record_const_ref(d->w, clang_Cursor_getArgument(c, i));
		break;
	case CXCursor_CompoundLiteralExpr:
		saved = d->var;
		d->var = xasprintf("(compound literal in %s)",
				   d->func ? d->func : "file scope");
		visit_children(d, c, depth);
		free(d->var);
		d->var = saved;
		return;
	case CXCursor_InitListExpr:
		name = d->var ? d->var : "?";
		walk_init(d, c, name,
			  str_starts(name, "(compound") ? "compound" :
							  "initializer");
		return;
	case CXCursor_BinaryOperator:
		if (clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_Assign) {
			struct cxvec kids = { 0 };

			walk_assign(d, c);
			children_of(c, &kids);
			if (kids.n == 2)
				record_const_ref(d->w, kids.v[1]);
			cxvec_free(&kids);
		}
		break;
	default:
		break;
	}
	visit_children(d, c, depth);
}

void discover_tu(struct wctx *w)
{
	struct dctx d = { .w = w };
	struct cxvec top = { 0 };

	children_of(clang_getTranslationUnitCursor(w->tu), &top);
	for (unsigned i = 0; i < top.n; i++)
		if (wctx_wants(w, top.v[i]))
			visit(&d, top.v[i], 0);
	cxvec_free(&top);
}
