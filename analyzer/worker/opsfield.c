// SPDX-License-Identifier: GPL-2.0
/*
 * Ops fields seen from a function that takes a VMA:
 *
 *   dispatch_field()   "drm_gem_object_funcs.mmap" of a call through an
 *                      ops pointer, obj->funcs->mmap(obj, vma)
 *   dispatch_holder()  the field that pointer was read from,
 *                      "drm_gem_object.funcs"
 *   field_test()       a test of such a field, "if (obj->funcs->mmap)":
 *                      the code that runs when it is NULL is the fallback
 *                      of a driver without that hook (drm_gem_mmap_obj's
 *                      else branch), which summarize.c marks "unless"
 */
#include "worker/worker.h"

#include <stdlib.h>
#include <string.h>

/*
 * The member expression a function pointer was read from: @e itself, or
 * the initializer of the local it names ("const auto mmap =
 * pde->proc_ops->proc_mmap; ... mmap(file, vma)").
 */
static CXCursor member_of(CXCursor e)
{
	struct cxvec kids = { 0 };
	CXCursor var, init = e;

	if (clang_getCursorKind(e) != CXCursor_DeclRefExpr)
		return e;
	var = clang_getCursorReferenced(e);
	if (clang_getCursorKind(var) != CXCursor_VarDecl)
		return e;
	children_of(var, &kids);
	if (kids.n)
		init = strip_expr(kids.v[kids.n - 1]);
	cxvec_free(&kids);
	return clang_getCursorKind(init) == CXCursor_MemberRefExpr ? init : e;
}

/* "owner.field" of an ops-pointer call such as obj->funcs->mmap(obj, vma) */
char *dispatch_field(CXCursor callee)
{
	CXCursor e = member_of(strip_expr(callee)), f, rec;
	char *owner, *field, *out;

	if (clang_getCursorKind(e) != CXCursor_MemberRefExpr)
		return NULL;
	f = clang_getCursorReferenced(e);
	if (clang_getCursorKind(f) != CXCursor_FieldDecl)
		return NULL;
	rec = clang_getCursorSemanticParent(f);
	owner = cursor_name(rec);
	/* vm_ops->close(vma) and the like act on an existing VMA */
	if (is_lifecycle_type(owner)) {
		free(owner);
		return NULL;
	}
	field = cursor_name(f);
	out = xasprintf("%s.%s", owner, field);
	free(owner);
	free(field);
	return out;
}

/*
 * Where the ops pointer of a dispatch comes from: "vb2_queue.mem_ops" for
 * q->mem_ops->mmap(..), also through a local initialised from such a
 * field ("ops = obj->funcs; ops->mmap(..)").  NULL when it is anything
 * else (a call's result, an array element, a parameter).
 */
char *dispatch_holder(CXCursor callee)
{
	CXCursor e = member_of(strip_expr(callee)), base, f;
	struct cxvec kids = { 0 };
	char *owner, *field, *out = NULL;

	children_of(e, &kids);
	base = kids.n ? strip_expr(kids.v[0]) : clang_getNullCursor();
	cxvec_free(&kids);
	if (clang_getCursorKind(base) == CXCursor_DeclRefExpr) {
		CXCursor var = clang_getCursorReferenced(base);

		if (clang_getCursorKind(var) != CXCursor_VarDecl)
			return NULL;
		children_of(var, &kids);
		base = kids.n ? strip_expr(kids.v[kids.n - 1]) : clang_getNullCursor();
		cxvec_free(&kids);
	}
	if (clang_getCursorKind(base) != CXCursor_MemberRefExpr)
		return NULL;
	f = clang_getCursorReferenced(base);
	if (clang_getCursorKind(f) != CXCursor_FieldDecl)
		return NULL;
	owner = field_owner(f);
	field = cursor_name(f);
	if (*owner && *field)
		out = xasprintf("%s.%s", owner, field);
	free(owner);
	free(field);
	return out;
}

/*
 * +1 when @cond holds only if ops field @*field (which takes a VMA) is set
 * ("obj->funcs->mmap", "obj->funcs && obj->funcs->mmap"), -1 when only if
 * it is NULL ("!obj->funcs->mmap"), 0 otherwise.  @*field is allocated.
 */
int field_test(CXCursor cond, char **field)
{
	CXCursor e = member_of(strip_expr(cond)), f;
	struct cxvec kids = { 0 };
	int r = 0;

	*field = NULL;
	switch (clang_getCursorKind(e)) {
	case CXCursor_UnaryOperator:
		if (clang_getCursorUnaryOperatorKind(e) != CXUnaryOperator_LNot)
			return 0;
		children_of(e, &kids);
		r = kids.n == 1 ? -field_test(kids.v[0], field) : 0;
		break;
	case CXCursor_BinaryOperator:
		if (clang_getCursorBinaryOperatorKind(e) != CXBinaryOperator_LAnd)
			return 0;
		children_of(e, &kids);
		for (unsigned i = 0; i < kids.n && r <= 0; i++) {
			free(*field);
			r = field_test(kids.v[i], field);
		}
		r = r > 0 ? r : 0;
		break;
	case CXCursor_MemberRefExpr:
		f = clang_getCursorReferenced(e);
		if (clang_getCursorKind(f) == CXCursor_FieldDecl &&
		    fn_type_vma_kind(clang_getCursorType(f), NULL) &&
		    (*field = dispatch_field(e)))
			r = 1;
		break;
	default:
		break;
	}
	cxvec_free(&kids);
	if (!r) {
		free(*field);
		*field = NULL;
	}
	return r;
}
