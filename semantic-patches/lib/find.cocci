// SPDX-License-Identifier: GPL-2.0
///
/// mmprep: what the .mmap -> .mmap_prepare semantic patches may rewrite.
///
/// 1. lib/members.cocci (included first) finds the .mmap callbacks of
///    file_operations tables and the static helpers they hand their VMA
///    to; here every use of that VMA is checked: those struct
///    vm_area_desc can express (which ones: the category's policy,
///    lib/mmprep_cocci.py CATEGORIES) are marked known.
/// 2. Any other use blocks the callback; the reason is reported.
///
/// Included by lib/mmap_prepare.cocci, which rewrites what converts.
/// spatch 1.1.1 quirks these files are written around: "#include" is
/// resolved against the working directory (run spatch from
/// semantic-patches/) and comes before the first rule; an included file
/// sees no virtual rule, so nothing here "depends on" patch or report (the
/// category script sets S.mode and prints the messages at finalize); a
/// position constraint cannot be evaluated under a disjunction, so the
/// rewrite rules have none.
//

#include "lib/members.cocci"

// Uses of the VMA that the descriptor expresses.
@known_field@
idexpression struct vm_area_struct *V;
position p;
@@
(
 V@p->vm_start
|
 V@p->vm_end
|
 V@p->vm_pgoff
|
 V@p->vm_page_prot
|
 V@p->vm_file
|
 vma_pages(V@p)
|
 is_cow_mapping(V@p->vm_flags)
|
 is_nommu_shared_mapping(V@p->vm_flags)
|
 shmem_zero_setup(V@p)
)

@script:python@
V << known_field.V;
p << known_field.p;
@@
S.know(p, V)

// Immutable in the descriptor.
@veto@
idexpression struct vm_area_struct *V;
expression E;
position p;
@@
(
 V@p->vm_start = E
|
 V@p->vm_end = E
|
 V@p->vm_file = E
)

@script:python@
p << veto.p;
@@
S.veto(p, "writes a VMA field that is immutable in struct vm_area_desc")

// "(vma->vm_flags & F) == 0" asks whether none of the bits is set, and
// "(vma->vm_flags & (A | B)) != (A | B)" whether not all of them are:
// the descriptor's vma_desc_test_flags() (any) and vma_flags_test_all()
// say the same.  Any other comparison blocks (S.flag_cmp()).
@cmp_flags@
idexpression struct vm_area_struct *V;
expression F, E;
position p;
@@
(
 (V@p->vm_flags & F) == E
|
 (V@p->vm_flags & F) != E
)

@script:python@
V << cmp_flags.V;
F << cmp_flags.F;
E << cmp_flags.E;
p << cmp_flags.p;
@@
S.flag_cmp(p, V, F, E)

@cmp_flags_rev@
idexpression struct vm_area_struct *V;
expression F, E;
position p;
@@
(
 E == (V@p->vm_flags & F)
|
 E != (V@p->vm_flags & F)
)

@script:python@
p << cmp_flags_rev.p;
@@
S.veto(p, "compares a value with vm_flags & mask; write the mask first")

// vm_flags as the last argument of a debug print (powernv opal-prd,
// sbus oradax): the descriptor keeps the flags in a bitmap, so the print
// drops that argument and its conversion.
@dbg_flags@
idexpression struct vm_area_struct *V;
identifier pr;
constant char[] fmt;
expression list[n] es;
position p;
@@
pr(fmt, es, V@p->vm_flags)

@script:python@
V << dbg_flags.V;
pr << dbg_flags.pr;
fmt << dbg_flags.fmt;
n << dbg_flags.n;
p << dbg_flags.p;
@@
S.dbg_flags(p, V, pr, fmt, n)

// "return generic_file_mmap(file, vma);" at the end of a callback that
// checks something first (fs/ecryptfs).
@known_generic@
idexpression struct vm_area_struct *V;
identifier g = {generic_file_mmap, generic_file_readonly_mmap};
expression F;
position p;
@@
 return g(F, V@p);

@script:python@
V << known_generic.V;
F << known_generic.F;
g << known_generic.g;
p << known_generic.p;
@@
S.generic(p, V, F, g)

// "return vm_iomap_memory(vma, start, len);": the same checks on the
// descriptor and mmap_action_ioremap_full() (category iomap_memory).
@known_iomap@
idexpression struct vm_area_struct *V;
expression S0, L;
position p;
@@
 return vm_iomap_memory(V@p, S0, L);

@script:python@
V << known_iomap.V;
p << known_iomap.p;
@@
S.iomap(p, V)

@ignored_iomap@
idexpression struct vm_area_struct *V;
expression S0, L;
position p;
@@
 vm_iomap_memory(V@p, S0, L);

@script:python@
p << ignored_iomap.p;
@@
S.iomap_ignored(p)

@known_store@
idexpression struct vm_area_struct *V;
expression E;
position p;
@@
(
 V@p->vm_ops = E
|
 V@p->vm_private_data = E
)

@script:python@
V << known_store.V;
p << known_store.p;
@@
S.know(p, V)

@known_flags@
idexpression struct vm_area_struct *V;
expression F;
position p;
@@
(
 V@p->vm_flags & F
|
 V@p->vm_flags |= F
|
 V@p->vm_flags &= ~F
|
 vm_flags_set(V@p, F)
|
 vm_flags_clear(V@p, F)
)

@script:python@
V << known_flags.V;
F << known_flags.F;
p << known_flags.p;
@@
if flag_bits(F):
    S.know(p, V)
else:
    S.why(p, "flags %s are not a constant VM_* mask" % F)

@known_bits@
idexpression struct vm_area_struct *V;
expression list ES;
position p;
@@
(
 vma_set_flags(V@p, ES)
|
 vma_clear_flags(V@p, ES)
)

@script:python@
V << known_bits.V;
ES << known_bits.ES;
p << known_bits.p;
@@
if bit_list(ES):
    S.know(p, V)

// vma_set_anonymous() just before a successful return: a success hook.
@known_anon@
identifier fops.fn;
idexpression struct vm_area_struct *V;
position p;
@@
fn(...) {
<...
 vma_set_anonymous(V@p);
 return 0;
...>
}

@script:python@
V << known_anon.V;
p << known_anon.p;
@@
S.know(p, V)
S.hook(p, "success", "0")


// The callback must be referenced only by file_operations.mmap.
// Whole-VMA remaps (category whole_vma_remap).  The size may be a local
// holding the VMA size that is never assigned again.
@remap_size@
idexpression struct vm_area_struct *V;
identifier z;
type T;
position p;
@@
(
T z@p = V->vm_end - V->vm_start;
|
z@p = V->vm_end - V->vm_start;
)

@script:python@
z << remap_size.z;
p << remap_size.p;
@@
S.fullsize_var(p, z)

@remap_resize@
identifier remap_size.z;
expression E;
position p;
@@
(
 z@p = E
|
 z@p += E
|
 z@p -= E
)

@script:python@
z << remap_size.z;
p << remap_resize.p;
@@
S.resized(p, z)

@remap_ret@
idexpression struct vm_area_struct *V;
identifier R = {remap_pfn_range, io_remap_pfn_range};
expression P, Z, PR;
position p;
@@
 return R(V@p, V->vm_start, P, Z, PR);

@script:python@
V << remap_ret.V;
Z << remap_ret.Z;
p << remap_ret.p;
@@
S.remap(p, V, Z, None)

@remap_if@
idexpression struct vm_area_struct *V;
identifier R = {remap_pfn_range, io_remap_pfn_range};
expression P, Z, PR, E;
position p, r;
@@
(
 if (R(V@p, V->vm_start, P, Z, PR))
	return E;
|
 if (R(V@p, V->vm_start, P, Z, PR)) {
	return E;
 }
)
 ... when != return ...;
 return@r 0;

@script:python@
V << remap_if.V;
Z << remap_if.Z;
E << remap_if.E;
p << remap_if.p;
r << remap_if.r;
@@
if S.tail_ok(p, r):
    S.remap(p, V, Z, E)

// A print before the error return moves into the error hook
// (arch/arc/kernel/arc_hostlink.c).
@remap_if_print@
idexpression struct vm_area_struct *V;
identifier R = {remap_pfn_range, io_remap_pfn_range};
expression P, Z, PR, E, M;
position p, r;
@@
 if (R(V@p, V->vm_start, P, Z, PR)) {
	M;
	return E;
 }
 ... when != return ...;
 return@r 0;

@script:python@
V << remap_if_print.V;
Z << remap_if_print.Z;
E << remap_if_print.E;
M << remap_if_print.M;
p << remap_if_print.p;
r << remap_if_print.r;
@@
if S.tail_ok(p, r) and S.error_print(p, M):
    S.remap(p, V, Z, E, str(M))

// "ret = remap_pfn_range(...); if (ret) return ret; return 0;"
@remap_var@
idexpression struct vm_area_struct *V;
identifier R = {remap_pfn_range, io_remap_pfn_range};
idexpression int ret;
expression P, Z, PR;
position p;
@@
 ret = R(V@p, V->vm_start, P, Z, PR);
(
 if (ret)
	return ret;
 return 0;
|
 return ret;
)

@script:python@
V << remap_var.V;
Z << remap_var.Z;
p << remap_var.p;
@@
S.remap(p, V, Z, None)

// Why a VMA use that nothing above took blocks: a field the descriptor
// does not have, or the VMA pointer itself kept somewhere.
@vma_field@
idexpression struct vm_area_struct *V;
identifier fld;
position p;
@@
V@p->fld

@script:python@
fld << vma_field.fld;
p << vma_field.p;
@@
S.field_reason(p, fld)

@vma_store@
idexpression struct vm_area_struct *V;
expression E;
position p;
@@
E = V@p

@script:python@
E << vma_store.E;
p << vma_store.p;
@@
S.why(p, "keeps the VMA in %s; no VMA exists before ->mmap_prepare "
      "returns" % spaced(E))

// Why a remap that none of the shapes above took blocks: part of the VMA,
// or a form the rewrite does not know.
@remap_any@
idexpression struct vm_area_struct *V;
identifier R = {remap_pfn_range, io_remap_pfn_range};
expression A, P, Z, PR;
position p;
@@
R(V@p, A, P, Z, PR)

@script:python@
V << remap_any.V;
A << remap_any.A;
Z << remap_any.Z;
p << remap_any.p;
@@
S.remap_reason(p, V, A, Z)

// Why a call given the VMA blocks, unless recognised above.
@vcall@
idexpression struct vm_area_struct *V;
expression g;
position p;
@@
g(..., V@p, ...)

@script:python@
g << vcall.g;
p << vcall.p;
@@
S.call_reason(p, g)

// A reference taken (or memory allocated, or a count raised) in mmap and
// released in vm_ops->close (drivers/hwtracing/intel_th/msu.c): after
// ->mmap_prepare returns, mmap can still fail (vm_area_alloc(),
// vma_iter_prealloc() in mm/vma.c) and close then never runs, so the
// conversion would leak.  Blocked when the callback stores a vm_ops whose
// close releases something and itself takes something (S.takes()).
@close_hook@
identifier ops, cl;
@@
struct vm_operations_struct ops = { ..., .close = cl, ... };

@close_call@
identifier close_hook.cl, g;
position p;
@@
cl(...) { <... g@p(...) ...> }

@script:python@
cl << close_hook.cl;
g << close_call.g;
@@
S.close_call(cl, g)

@close_write@
identifier close_hook.cl;
expression E, E2;
@@
cl(...) { <...
(
 E--
|
 --E
|
 E -= E2
|
 E = E2
)
...> }

@script:python@
cl << close_hook.cl;
E << close_write.E;
@@
S.close_write(cl, E)

@close_store@
idexpression struct vm_area_struct *V;
identifier close_hook.ops;
position p;
@@
V@p->vm_ops = &ops

@script:python@
V << close_store.V;
ops << close_hook.ops;
cl << close_hook.cl;
p << close_store.p;
@@
S.close_store(p, V, ops, cl)

@take_call@
identifier g;
position p;
@@
g@p(...)

@script:python@
g << take_call.g;
p << take_call.p;
@@
S.take(p, "%s()" % g, call=True)

@take_write@
expression E, E2;
position p;
@@
(
 E@p += E2
|
 E@p = E2
)

@script:python@
E << take_write.E;
E2 << take_write.E2;
p << take_write.p;
@@
S.take(p, str(E), value=str(E2))

@take_inc@
expression E;
position p;
@@
(
 E@p++
|
 ++E@p
)

@script:python@
E << take_inc.E;
p << take_inc.p;
@@
S.take(p, str(E))

// An alternate definition of the callback as a macro, under another
// configuration ("#define spufs_cntl_mmap NULL" when SPUFS_MMAP_4K is
// false): NULL is renamed with the callback (r_alias_null), anything
// else would need converting too, and blocks.
@alias@
identifier fops.fn;
expression E;
position pd;
@@
#define fn@pd E

@script:python@
fn << fops.fn;
E << alias.E;
pd << alias.pd;
@@
S.alias(pd, fn, E)

@cb_ref@
identifier fops.fn;
position pr;
@@
fn@pr

@script:python@
fn << fops.fn;
pr << cb_ref.pr;
@@
S.reference(pr, fn)

@use@
idexpression struct vm_area_struct *V;
position q;
@@
V@q

@script:python@
V << use.V;
q << use.q;
@@
S.use(q, V)

@grp@
identifier fops.fn;
position pg;
@@
fn@pg(...) { ... }

@script:python@
fn << fops.fn;
pg << grp.pg;
@@
S.conclude(pg, fn)
