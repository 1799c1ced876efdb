// SPDX-License-Identifier: GPL-2.0
/*
 * What the kernel's types mean to mmprep: which function types take a VMA
 * (or a vm_area_desc), and which struct types hold lifecycle hooks rather
 * than mapping providers.  Shared by discovery and the summaries.
 */
#include "worker/worker.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Struct types whose function-pointer members take a VMA but are hooks on
 * a VMA that exists already, or mm-internal walkers, rather than the
 * callback that sets up a new mapping.
 */
static const char *const lifecycle_types[] = {
	"vm_operations_struct",	/* open/close/may_split/mremap/... */
	"vm_special_mapping",	/* vdso-style mappings installed by the kernel */
	"mmap_action",		/* .mmap_prepare's own success/error hooks */
	"rmap_walk_control",	/* reverse-map walk callbacks */
	"pv_mmu_ops",		/* paravirt page-table operations */
	"mm_walk_ops",		/* page-table walker callbacks */
	"mmu_notifier_ops",	/* notifications about existing mappings */
	"security_list_options",	/* LSM hooks: file_mprotect, ... */
	"pfn_address_space",	/* memory-failure lookup of a mapped pfn */
	NULL,
};

bool is_lifecycle_type(const char *name)
{
	for (int i = 0; lifecycle_types[i]; i++)
		if (!strcmp(name, lifecycle_types[i]))
			return true;
	return false;
}

/* "vm_area_struct" for struct vm_area_struct and its typedefs, else NULL */
const char *record_name_of(CXType t)
{
	static char buf[128];
	CXCursor decl;
	char *name;

	t = clang_getCanonicalType(t);
	if (t.kind != CXType_Record)
		return NULL;
	decl = clang_getTypeDeclaration(t);
	name = cursor_name(decl);
	snprintf(buf, sizeof(buf), "%s", name);
	free(name);
	return buf;
}

const char *fn_type_vma_kind(CXType fn, int *argno)
{
	int n;

	fn = clang_getCanonicalType(fn);
	if (fn.kind == CXType_Pointer)
		fn = clang_getCanonicalType(clang_getPointeeType(fn));
	if (fn.kind != CXType_FunctionProto)
		return NULL;
	n = clang_getNumArgTypes(fn);
	for (int i = 0; i < n; i++) {
		CXType a = clang_getCanonicalType(clang_getArgType(fn, i));
		const char *rec;

		if (a.kind != CXType_Pointer)
			continue;
		rec = record_name_of(clang_getPointeeType(a));
		if (!rec)
			continue;
		if (argno)
			*argno = i;
		if (!strcmp(rec, "vm_area_struct"))
			return "vma";
		if (!strcmp(rec, "vm_area_desc"))
			return "desc";
	}
	return NULL;
}

/* Look through casts, parentheses and '&' to the expression that matters. */
CXCursor strip_expr(CXCursor c)
{
	struct cxvec kids = { 0 };

	for (;;) {
		enum CXCursorKind k = clang_getCursorKind(c);

		if (k == CXCursor_UnaryOperator &&
		    clang_getCursorUnaryOperatorKind(c) != CXUnaryOperator_AddrOf)
			break;
		if (k != CXCursor_UnexposedExpr && k != CXCursor_ParenExpr &&
		    k != CXCursor_CStyleCastExpr && k != CXCursor_UnaryOperator)
			break;
		children_of(c, &kids);
		/* the operand is the last child (a cast's first is its type) */
		if (!kids.n || (k == CXCursor_UnexposedExpr && kids.n != 1))
			break;
		c = kids.v[kids.n - 1];
	}
	cxvec_free(&kids);
	return c;
}
