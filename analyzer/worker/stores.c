// SPDX-License-Identifier: GPL-2.0
/*
 * What a file says about which ops table a dispatch will reach:
 *
 *   stores   an ops table stored into a field, in an initializer
 *            (".funcs = &foo_funcs") or at run time
 *            ("q->mem_ops = &vb2_vmalloc_memops;"): the field ("holder"),
 *            the table, and where.  A store guarded by a test that the
 *            field is still empty ("if (!obj->funcs) obj->funcs = &x;")
 *            is a helper library's default, marked "default".
 *   defines  the non-static functions the file defines;
 *   refs     the functions of other files it refers to (calls, or stores
 *            in its own tables), so that the driver can tell which helper
 *            libraries a driver uses;
 *   consts   the enumeration constants its functions use, and
 *            tables stored into an array at such an index
 *            ("[SNDRV_DMA_TYPE_DEV] = &snd_dma_dev_ops"): a driver passing
 *            SNDRV_DMA_TYPE_DEV_SG to the helpers chooses its table.
 *
 * A table is a variable whose struct type has a member that takes a VMA
 * (file_operations, drm_gem_object_funcs, vb2_mem_ops, ...), other than a
 * lifecycle hook table (vm_operations_struct and the like).  Discovery
 * (discover.c) walks the file and hands its stores and references here.
 */
#include "worker/worker.h"

#include <stdlib.h>
#include <string.h>

static enum CXVisitorResult vma_member(CXCursor c, CXClientData data)
{
	bool *found = data;

	if (fn_type_vma_kind(clang_getCursorType(c), NULL)) {
		*found = true;
		return CXVisit_Break;
	}
	return CXVisit_Continue;
}

/* The struct name of an ops table variable, or NULL if @var is none. */
static char *table_type(CXCursor var)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(var));
	bool found = false;
	char *name;

	if (t.kind != CXType_Record)
		return NULL;
	clang_Type_visitFields(t, vma_member, &found);
	if (!found)
		return NULL;
	name = cursor_name(clang_getTypeDeclaration(t));
	if (!*name || is_lifecycle_type(name)) {
		free(name);
		return NULL;
	}
	return name;
}

static json_t *set_of(json_t **o)
{
	if (!*o)
		*o = json_object();
	return *o;
}

/* The table of @value (a ?: gives two) stored into @s->field. */
void record_store(struct wctx *w, const struct store_site *s, CXCursor value)
{
	CXCursor v = strip_expr(value), var;
	char *type, *holder, *owner, *fname;
	struct wloc l = { 0 };
	json_t *o;

	if (clang_getCursorKind(v) == CXCursor_ConditionalOperator) {
		struct cxvec kids = { 0 };

		children_of(v, &kids);
		for (unsigned i = 1; i < kids.n; i++)
			record_store(w, s, kids.v[i]);
		cxvec_free(&kids);
		return;
	}
	if (clang_getCursorKind(v) != CXCursor_DeclRefExpr)
		return;
	var = clang_getCursorReferenced(v);
	if (clang_getCursorKind(var) != CXCursor_VarDecl ||
	    !(type = table_type(var)))
		return;
	if (!wloc_of(w, s->at, &l)) {
		free(type);
		return;
	}
	owner = s->array ? xstrdup(s->array) : field_owner(s->field);
	fname = s->array ? xstrdup("[]") : cursor_name(s->field);
	holder = xasprintf("%s%s%s", owner, s->array ? "" : ".", fname);
	o = json_pack("{s:s, s:o, s:s, s:s, s:i, s:s, s:i, s:b}",
		      "holder", holder, "table", json_take(cursor_name(var)),
		      "table_type", type, "file", l.file, "line", (int)l.line,
		      "in", s->in ? s->in : "?", "in_line", (int)s->in_line,
		      "default", s->guarded);
	if (s->index)
		json_object_set_new(o, "index", json_string(s->index));
	if (!w->stores)
		w->stores = json_array();
	json_array_append_new(w->stores, o);
	wloc_free(&l);
	free(holder);
	free(owner);
	free(fname);
	free(type);
}

/* A function named in the file: a definition, or a reference. */
void record_function_ref(struct wctx *w, CXCursor ref)
{
	CXCursor fn = clang_getCursorReferenced(ref);
	CXCursor def;
	char *name;

	if (clang_getCursorKind(fn) != CXCursor_FunctionDecl ||
	    clang_Cursor_getStorageClass(fn) == CX_SC_Static)
		return;
	def = clang_getCursorDefinition(fn);
	if (!clang_Cursor_isNull(def) &&
	    clang_Location_isFromMainFile(clang_getCursorLocation(def)))
		return;
	name = cursor_name(fn);
	json_object_set_new(set_of(&w->refs), name, json_true());
	free(name);
}

void record_function_def(struct wctx *w, CXCursor fn)
{
	char *name;

	if (clang_Cursor_getStorageClass(fn) == CX_SC_Static ||
	    !clang_Location_isFromMainFile(clang_getCursorLocation(fn)))
		return;
	name = cursor_name(fn);
	json_object_set_new(set_of(&w->defines), name, json_true());
	free(name);
}

/*
 * The name of the constant @expr spells: an enumerator, or a macro that
 * expands to an integer ("SNDRV_DMA_TYPE_DEV_SG", a #define); else NULL.
 */
char *const_name(struct wctx *w, CXCursor expr)
{
	CXCursor e = strip_expr(expr);
	char *t, *name = NULL;
	size_t n;

	if (clang_getCursorKind(e) == CXCursor_DeclRefExpr) {
		CXCursor c = clang_getCursorReferenced(e);

		return clang_getCursorKind(c) == CXCursor_EnumConstantDecl ?
		       cursor_name(c) : NULL;
	}
	if (clang_getCursorKind(e) != CXCursor_IntegerLiteral)
		return NULL;
	/* a literal where an upper-case macro name was written */
	t = macro_at(w, clang_getCursorLocation(e));
	n = t ? strlen(t) : 0;
	if (n && strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == n &&
	    !(t[0] >= '0' && t[0] <= '9'))
		name = t;
	else
		free(t);
	return name;
}

/* A constant the file uses: an argument, a value stored, an enumerator. */
void record_const_ref(struct wctx *w, CXCursor expr)
{
	char *name = const_name(w, expr);

	if (name)
		json_object_set_new(set_of(&w->consts), name, json_true());
	free(name);
}

static json_t *sorted_names(json_t *set)
{
	struct strvec names = { 0 };
	json_t *out = json_array(), *v;
	const char *k;

	/* the facts must not depend on the order of the walk */
	json_object_foreach(set, k, v)
		sv_push(&names, k);
	sv_sort_uniq(&names);
	for (size_t i = 0; i < names.n; i++)
		json_array_append_new(out, json_string(names.v[i]));
	sv_free(&names);
	return out;
}

void record_stores(struct wctx *w, json_t *doc)
{
	json_object_set_new(doc, "stores", w->stores ? w->stores : json_array());
	json_object_set_new(doc, "defines", sorted_names(w->defines));
	json_object_set_new(doc, "refs", sorted_names(w->refs));
	json_object_set_new(doc, "consts", sorted_names(w->consts));
	json_decref(w->defines);
	json_decref(w->refs);
	json_decref(w->consts);
	w->consts = NULL;
	w->stores = w->defines = w->refs = NULL;
}
