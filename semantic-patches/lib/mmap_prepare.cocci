// SPDX-License-Identifier: GPL-2.0
///
/// mmprep: the engine of the .mmap -> .mmap_prepare semantic patches.
///
/// lib/find.cocci (included first) finds the callbacks, their helpers and
/// every use of their VMA, and blocks what struct vm_area_desc cannot
/// express.  This file rewrites what converts: the VMA uses, the
/// prototypes, the hooks the core calls once the VMA exists, and the ops
/// table.
///
/// Included by the category scripts, first thing after their "virtual"
/// lines.  spatch 1.1.1 quirks this file is written around: "#include"
/// is resolved against the working directory (run spatch from
/// semantic-patches/) and must come before the first rule; an included
/// file sees no virtual rule, so nothing here "depends on" patch or
/// report (the category script sets S.mode and prints the messages at
/// finalize); a position constraint cannot be evaluated under a
/// disjunction, so the rewrite rules have none.
//

#include "lib/find.cocci"

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
