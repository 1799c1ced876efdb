// SPDX-License-Identifier: GPL-2.0
///
/// mmprep: the engine of the .mmap -> .mmap_prepare semantic patches.
///
/// 1. Finds the .mmap callbacks of file_operations tables, the static
///    helpers they hand their VMA to, and every use of that VMA which
///    struct vm_area_desc can express (which ones: the category's policy,
///    lib/mmprep_cocci.py CATEGORIES).
/// 2. Any other use blocks the callback; the reason is reported.
/// 3. Rewrites what converts: the VMA uses, the prototypes, the hooks the
///    core calls afterwards, and the ops table.
///
/// Included by the category scripts, first thing after their "virtual"
/// lines.  spatch 1.1.1 quirks this file is written around: "#include"
/// is resolved against the working directory (run spatch from
/// semantic-patches/); an included file sees no virtual rule, so nothing
/// here "depends on" patch or report (the category script sets S.mode and
/// prints the messages at finalize); a position constraint cannot be
/// evaluated under a disjunction, so the rewrite rules inherit the
/// positions that the "cp" rule let through.
//

@initialize:python@
@@
import os
import sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.getcwd(), "lib"))
from mmprep_cocci import S, key, flag_bits, bit_list, prepare_name

// The legacy callbacks: file_operations.mmap = fn, fn defined here.
@fops@
identifier ops, fn;
position pm;
@@
struct file_operations ops = { ..., .mmap = fn@pm, ... };

@script:python@
pm << fops.pm;
ops << fops.ops;
fn << fops.fn;
@@
S.at(pm[0].file)
S.ops_refs.add(key(pm))
S.tables.setdefault(str(fn), set()).add(str(ops))

// A table stored into a live file's f_op at run time (sound/core/init.c:
// snd_card_disconnect() installs snd_shutdown_f_ops).  __mmap_region()
// reads ->mmap_prepare once and calls ->mmap later, so the table swapped
// in and the tables it replaces must use the same hook: S.swaps() blocks
// them.  A swap in an open function happens before the file is
// installed, when no mmap can race it.
@fopen@
identifier ops, o;
@@
struct file_operations ops = { ..., .open = o, ... };

@script:python@
o << fopen.o;
@@
S.openers.add(str(o))

@swap@
identifier T;
expression F;
position p;
@@
(
 F->f_op@p = &T
|
 replace_fops@p(F, &T)
)

@script:python@
T << swap.T;
p << swap.p;
@@
S.swap(p, T)

@swap_reg@
identifier g = {snd_card_file_add};
position p;
@@
g@p(...)

@script:python@
g << swap_reg.g;
p << swap_reg.p;
@@
S.registered(p, g)

@cb@
identifier fops.fn, fp, cbv;
position pf;
@@
int fn@pf(struct file *fp, struct vm_area_struct *cbv) { ... }

@script:python@
fn << fops.fn;
cbv << cb.cbv;
pf << cb.pf;
@@
S.add_member(pf[0].file, fn, fn, cbv)

// Helpers the callback hands its VMA to.
@call@
identifier cb.cbv, g;
position pc, pa;
@@
g@pc(..., cbv@pa, ...)

@helper@
identifier call.g, v;
type T;
position ph;
@@
static T g@ph(..., struct vm_area_struct *v, ...) { ... }

@script:python@
fn << fops.fn;
g << call.g;
pc << call.pc;
pa << call.pa;
cbv << cb.cbv;
v << helper.v;
@@
if pc[0].current_element == fn:
    S.add_member(pc[0].file, g, fn, v)
    S.know(pa, cbv)

// Any other reference to a helper makes it shared: block its callback.
@helper_ref@
identifier call.g;
position pr;
@@
g@pr

@script:python@
g << call.g;
pr << helper_ref.pr;
@@
S.helper_ref(pr[0].file, g, pr[0].current_element, pr[0].line)

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

// "(vma->vm_flags & (A | B)) != (A | B)" asks for all of the bits; the
// descriptor's test asks for any of them, so such a test is not rewritten.
@veto_cmp@
idexpression struct vm_area_struct *V;
expression F, E;
position p;
@@
(
 (V@p->vm_flags & F) == E
|
 (V@p->vm_flags & F) != E
|
 E == (V@p->vm_flags & F)
|
 E != (V@p->vm_flags & F)
)

@script:python@
p << veto_cmp.p;
@@
S.veto(p, "compares vm_flags & mask with a value; the descriptor's flag "
       "test only asks whether any of the bits is set")

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
T z@p = V->vm_end - V->vm_start;

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
position p;
@@
(
 if (R(V@p, V->vm_start, P, Z, PR))
	return E;
|
 if (R(V@p, V->vm_start, P, Z, PR)) {
	return E;
 }
)
 return 0;

@script:python@
V << remap_if.V;
Z << remap_if.Z;
E << remap_if.E;
p << remap_if.p;
@@
S.remap(p, V, Z, E)

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
 E@p++
|
 ++E@p
|
 E@p += E2
|
 E@p = E2
)

@script:python@
E << take_write.E;
p << take_write.p;
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

// The rewrites, limited by a position constraint to the functions that
// convert; no disjunctions, under which such a constraint is not
// evaluated.  A whole-VMA remap becomes the action the core takes after
// the hook returns.
@r_remap_ret disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
identifier R = {remap_pfn_range, io_remap_pfn_range};
fresh identifier act = script:python(R) { S.remap_action(R) };
expression P, Z;
@@
- return R(V@p, V->vm_start, P, Z, V->vm_page_prot);
+ act(desc, P);
+ return 0;

@r_remap_ret_prot disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
identifier R = {remap_pfn_range, io_remap_pfn_range};
fresh identifier act = script:python(R) { S.remap_action(R) };
expression P, Z, PR;
@@
- return R(V@p, V->vm_start, P, Z, PR);
+ desc->page_prot = PR;
+ act(desc, P);
+ return 0;

@r_remap_if disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
identifier R = {remap_pfn_range, io_remap_pfn_range};
fresh identifier act = script:python(R) { S.remap_action(R) };
fresh identifier hook = script:python(p) { S.hook_name(p[0].current_element, "error") };
expression P, Z, E;
@@
- if (R(V@p, V->vm_start, P, Z, V->vm_page_prot))
-	return E;
+ act(desc, P);
+ desc->action.error_hook = hook;

@r_remap_if_braces disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
identifier R = {remap_pfn_range, io_remap_pfn_range};
fresh identifier act = script:python(R) { S.remap_action(R) };
fresh identifier hook = script:python(p) { S.hook_name(p[0].current_element, "error") };
expression P, Z, E;
@@
- if (R(V@p, V->vm_start, P, Z, V->vm_page_prot)) {
-	return E;
- }
+ act(desc, P);
+ desc->action.error_hook = hook;

@r_remap_if_prot disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
identifier R = {remap_pfn_range, io_remap_pfn_range};
fresh identifier act = script:python(R) { S.remap_action(R) };
fresh identifier hook = script:python(p) { S.hook_name(p[0].current_element, "error") };
expression P, Z, PR, E;
@@
- if (R(V@p, V->vm_start, P, Z, PR))
-	return E;
+ desc->page_prot = PR;
+ act(desc, P);
+ desc->action.error_hook = hook;

@r_remap_if_prot_braces disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
identifier R = {remap_pfn_range, io_remap_pfn_range};
fresh identifier act = script:python(R) { S.remap_action(R) };
fresh identifier hook = script:python(p) { S.hook_name(p[0].current_element, "error") };
expression P, Z, PR, E;
@@
- if (R(V@p, V->vm_start, P, Z, PR)) {
-	return E;
- }
+ desc->page_prot = PR;
+ act(desc, P);
+ desc->action.error_hook = hook;

@r_pages_shift disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
fresh identifier pages = script:python(V) { S.name("desc_pages") };
@@
- ( V@p->vm_end - V->vm_start ) >> PAGE_SHIFT
+ pages(desc)

@r_pages disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
fresh identifier pages = script:python(V) { S.name("desc_pages") };
@@
- vma_pages(V@p)
+ pages(desc)

@r_size_paren disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
fresh identifier size = script:python(V) { S.name("desc_size") };
@@
- ( V@p->vm_end - V->vm_start )
+ size(desc)

@r_size disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
fresh identifier size = script:python(V) { S.name("desc_size") };
@@
- V@p->vm_end - V->vm_start
+ size(desc)

@r_test_not disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
expression F;
fresh identifier test = script:python(V) { S.name("desc_test") };
fresh identifier bits = script:python(F) { flag_bits(F) };
@@
- !(V@p->vm_flags & F)
+ !test(desc, bits)

@r_test_paren disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
expression F;
fresh identifier test = script:python(V) { S.name("desc_test") };
fresh identifier bits = script:python(F) { flag_bits(F) };
@@
- ( V@p->vm_flags & F )
+ test(desc, bits)

@r_test disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
expression F;
fresh identifier test = script:python(V) { S.name("desc_test") };
fresh identifier bits = script:python(F) { flag_bits(F) };
@@
- V@p->vm_flags & F
+ test(desc, bits)

@r_set disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
expression F;
fresh identifier set = script:python(V) { S.name("desc_set") };
fresh identifier bits = script:python(F) { flag_bits(F) };
@@
- vm_flags_set(V@p, F)
+ set(desc, bits)

@r_set_or disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
expression F;
fresh identifier set = script:python(V) { S.name("desc_set") };
fresh identifier bits = script:python(F) { flag_bits(F) };
@@
- V@p->vm_flags |= F
+ set(desc, bits)

@r_clear disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
expression F;
fresh identifier clear = script:python(V) { S.name("desc_clear") };
fresh identifier bits = script:python(F) { flag_bits(F) };
@@
- vm_flags_clear(V@p, F)
+ clear(desc, bits)

@r_clear_and disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
expression F;
fresh identifier clear = script:python(V) { S.name("desc_clear") };
fresh identifier bits = script:python(F) { flag_bits(F) };
@@
- V@p->vm_flags &= ~F
+ clear(desc, bits)

@r_bits_set disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
expression list ES;
fresh identifier set = script:python(V) { S.name("desc_set") };
@@
- vma_set_flags(V@p, ES)
+ set(desc, ES)

@r_bits_clear disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
expression list ES;
fresh identifier clear = script:python(V) { S.name("desc_clear") };
@@
- vma_clear_flags(V@p, ES)
+ clear(desc, ES)

@r_cow disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
fresh identifier cow = script:python(V) { S.name("desc_cow") };
@@
- is_cow_mapping(V@p->vm_flags)
+ cow(desc)

@r_nommu disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
fresh identifier nommu = script:python(V) { S.name("nommu_shared") };
@@
- is_nommu_shared_mapping(V@p->vm_flags)
+ nommu(&desc->vma_flags)

@r_zero disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
fresh identifier zero = script:python(V) { S.name("shmem_zero") };
@@
- shmem_zero_setup(V@p)
+ zero(desc)

@r_anon disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
fresh identifier hook = script:python(p) { S.hook_name(p[0].current_element, "success") };
@@
- vma_set_anonymous(V@p);
+ desc->action.success_hook = hook;

@r_vm_start disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
@@
- V@p->vm_start
+ desc->start

@r_vm_end disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
@@
- V@p->vm_end
+ desc->end

@r_vm_pgoff disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
@@
- V@p->vm_pgoff
+ desc->pgoff

@r_vm_page_prot disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
@@
- V@p->vm_page_prot
+ desc->page_prot

@r_vm_file disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
@@
- V@p->vm_file
+ desc->file

@r_vm_ops disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
@@
- V@p->vm_ops
+ desc->vm_ops

@r_vm_private_data disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
@@
- V@p->vm_private_data
+ desc->private_data

@r_call@
idexpression struct vm_area_struct *V;
identifier g : script:python() { S.is_helper(g) };
position p : script:python(V) { S.converts(p, V) };
@@
 g(...,
- V@p
+ desc
 ,...)

// Hooks run by the core once the VMA exists, inserted before their user.
@r_hook_error@
identifier f : script:python() { S.wants_hook(f, "error") };
fresh identifier hook = script:python(f) { S.hook_name(f, "error") };
fresh identifier code = script:python(f) { S.hooks[(f, "error")] };
@@
+static int hook(int err)
+{
+	return code;
+}
+
 f(...) { ... }

@r_hook_success@
identifier f : script:python() { S.wants_hook(f, "success") };
fresh identifier hook = script:python(f) { S.hook_name(f, "success") };
@@
+static int hook(const struct vm_area_struct *vma)
+{
+	vma_set_anonymous((struct vm_area_struct *)vma);
+
+	return 0;
+}
+
 f(...) { ... }

@r_ops@
identifier fn : script:python() { S.is_callback(fn) };
fresh identifier nf = script:python(fn) { prepare_name(fn) };
identifier ops;
@@
 struct file_operations ops = { ...,
- .mmap = fn,
+ .mmap_prepare = nf,
 ...};

@r_file exists@
identifier fn : script:python() { S.is_callback(fn) };
identifier F, V;
@@
 fn(struct file *F, struct vm_area_struct *V) {
+	struct file *F = desc->file;
 <+... F ...+>
 }

@r_sig@
identifier fn : script:python() { S.is_callback(fn) };
fresh identifier nf = script:python(fn) { prepare_name(fn) };
identifier F, V;
@@
 int
- fn(struct file *F, struct vm_area_struct *V)
+ nf(struct vm_area_desc *desc)
 { ... }

@r_alias_null@
identifier fn : script:python() { S.is_callback(fn) };
fresh identifier nf = script:python(fn) { prepare_name(fn) };
@@
-#define fn NULL
+#define nf NULL

@r_hsig@
identifier g : script:python() { S.is_helper(g) };
identifier V;
type T;
@@
 T g(...,
- struct vm_area_struct *V
+ struct vm_area_desc *desc
 ,...) { ... }

// A size local that only the remap used is left unused by
// mmap_action_remap_full(): drop it, as a maintainer would.
@r_unused_size@
type T;
identifier sz;
expression D;
@@
- T sz = vma_desc_size(D);
  ... when != sz
