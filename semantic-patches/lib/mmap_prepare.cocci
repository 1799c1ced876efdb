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
// the hook returns.  A protection given to the remap only goes to the
// action (desc->action.remap.pgprot), so the VMA keeps its own, as it
// did.
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
+ act(desc, P);
+ desc->action.remap.pgprot = PR;
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
+ act(desc, P);
+ desc->action.remap.pgprot = PR;
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
+ act(desc, P);
+ desc->action.remap.pgprot = PR;
+ desc->action.error_hook = hook;

@r_remap_if_print disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
identifier R = {remap_pfn_range, io_remap_pfn_range};
fresh identifier act = script:python(R) { S.remap_action(R) };
fresh identifier hook = script:python(p) { S.hook_name(p[0].current_element, "error") };
expression P, Z, E, M;
@@
- if (R(V@p, V->vm_start, P, Z, V->vm_page_prot)) {
-	M;
-	return E;
- }
+ act(desc, P);
+ desc->action.error_hook = hook;

@r_remap_var disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
identifier R = {remap_pfn_range, io_remap_pfn_range};
fresh identifier act = script:python(R) { S.remap_action(R) };
idexpression int ret;
expression P, Z;
@@
- ret = R(V@p, V->vm_start, P, Z, V->vm_page_prot);
- if (ret)
-	return ret;
+ act(desc, P);
  return 0;

@r_remap_var_ret disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
identifier R = {remap_pfn_range, io_remap_pfn_range};
fresh identifier act = script:python(R) { S.remap_action(R) };
idexpression int ret;
expression P, Z;
@@
- ret = R(V@p, V->vm_start, P, Z, V->vm_page_prot);
- return ret;
+ act(desc, P);
+ return 0;

// "(vma->vm_flags & F) == 0" and "!= F": before the plain tests below,
// which would rewrite the "&" inside them.
@r_cmp_zero_eq disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
expression F, E;
position p : script:python(V, F, E) { S.converts(p, V) and cmp_kind(F, E) == "zero" };
fresh identifier test = script:python(V) { S.name("desc_test") };
fresh identifier bits = script:python(F) { flag_bits(F) };
@@
- (V@p->vm_flags & F) == E
+ !test(desc, bits)

@r_cmp_zero_ne disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
expression F, E;
position p : script:python(V, F, E) { S.converts(p, V) and cmp_kind(F, E) == "zero" };
fresh identifier test = script:python(V) { S.name("desc_test") };
fresh identifier bits = script:python(F) { flag_bits(F) };
@@
- (V@p->vm_flags & F) != E
+ test(desc, bits)

@r_cmp_one_ne disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
expression F, E;
position p : script:python(V, F, E) { S.converts(p, V) and cmp_kind(F, E) == "one" };
fresh identifier test = script:python(V) { S.name("desc_test") };
fresh identifier bits = script:python(F) { flag_bits(F) };
@@
- (V@p->vm_flags & F) != E
+ !test(desc, bits)

@r_cmp_one_eq disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
expression F, E;
position p : script:python(V, F, E) { S.converts(p, V) and cmp_kind(F, E) == "one" };
fresh identifier test = script:python(V) { S.name("desc_test") };
fresh identifier bits = script:python(F) { flag_bits(F) };
@@
- (V@p->vm_flags & F) == E
+ test(desc, bits)

@r_cmp_all_ne disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
expression F, E;
position p : script:python(V, F, E) { S.converts(p, V) and cmp_kind(F, E) == "all" };
fresh identifier all = script:python(V) { S.name("flags_test_all") };
fresh identifier bits = script:python(F) { flag_bits(F) };
@@
- (V@p->vm_flags & F) != E
+ !all(&desc->vma_flags, bits)

@r_cmp_all_eq disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
expression F, E;
position p : script:python(V, F, E) { S.converts(p, V) and cmp_kind(F, E) == "all" };
fresh identifier all = script:python(V) { S.name("flags_test_all") };
fresh identifier bits = script:python(F) { flag_bits(F) };
@@
- (V@p->vm_flags & F) == E
+ all(&desc->vma_flags, bits)

// A debug print loses the vm_flags argument (S.dbg_flags()).
@r_dbg_flags disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
identifier pr;
constant char[] fmt;
expression list es;
fresh identifier nf = script:python(fmt, es) { drop_conversion(fmt, nargs(es)) };
@@
 pr(
- fmt
+ nf
 , es
- , V@p->vm_flags
 )

@r_generic disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
identifier g = {generic_file_mmap, generic_file_readonly_mmap};
fresh identifier ng = script:python(g) { S.name("generic_mmap" if g == "generic_file_mmap" else "generic_ro_mmap") };
expression F;
@@
- return g(F, V@p);
+ return ng(desc);

@r_iomap disable ptr_to_array, paren, bitand_comm, bitor_comm, not_int1, not_int2, not_ptr1, not_ptr2, is_zero, isnt_zero, commeq, commneq@
idexpression struct vm_area_struct *V;
position p : script:python(V) { S.converts(p, V) };
fresh identifier h = script:python(p) { S.hook_name(p[0].current_element, "iomap") };
expression S0, L;
@@
- return vm_iomap_memory(V@p, S0, L);
+ return h(desc, S0, L);

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

// Hooks run by the core once the VMA exists, and the vm_iomap_memory()
// helper, inserted before the definition that uses them.
@r_hook_error exists@
identifier f : script:python() { S.wants_hook(f, "error", False) };
identifier h;
fresh identifier code = script:python(f) { S.hook_code(f, "error") };
@@
+static int h(int err)
+{
+	return code;
+}
+
 f(...) { <+... desc->action.error_hook = h; ...+> }

@r_hook_error_print exists@
identifier f : script:python() { S.wants_hook(f, "error", True) };
identifier h;
fresh identifier code = script:python(f) { S.hook_code(f, "error") };
fresh identifier msg = script:python(f) { S.hook_msg(f, "error") };
@@
+static int h(int err)
+{
+	msg;
+	return code;
+}
+
 f(...) { <+... desc->action.error_hook = h; ...+> }

@r_hook_success exists@
identifier f : script:python() { S.wants_hook(f, "success") };
identifier h;
@@
+static int h(const struct vm_area_struct *vma)
+{
+	vma_set_anonymous((struct vm_area_struct *)vma);
+
+	return 0;
+}
+
 f(...) { <+... desc->action.success_hook = h; ...+> }

@r_hook_iomap exists@
identifier f : script:python() { S.wants_hook(f, "iomap") };
identifier h =~ "_iomap$";
expression S0, L;
fresh identifier act = script:python(f) { S.name("ioremap_full") };
fresh identifier dpages = script:python(f) { S.name("desc_pages") };
@@
+/* vm_iomap_memory()'s checks on the descriptor, then its I/O remap. */
+static int h(struct vm_area_desc *desc, phys_addr_t start, unsigned long len)
+{
+	unsigned long pfn = start >> PAGE_SHIFT;
+	unsigned long npages;
+
+	if (start + len < start)
+		return -EINVAL;
+	len += start & ~PAGE_MASK;
+	npages = (len + ~PAGE_MASK) >> PAGE_SHIFT;
+	if (pfn + npages < pfn || desc->pgoff > npages)
+		return -EINVAL;
+	if (dpages(desc) > npages - desc->pgoff)
+		return -EINVAL;
+
+	act(desc, pfn + desc->pgoff);
+	return 0;
+}
+
 f(...) { <+... return h(desc, S0, L); ...+> }

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

// The same local declared apart and assigned later (aspeed-p2a-ctrl).
@r_unused_size_set@
type T;
identifier sz;
expression D;
@@
- T sz;
  ... when != sz
- sz = vma_desc_size(D);
  ... when != sz

// So is a "ret" that only held the remap's result.
@r_unused_ret@
type T;
identifier ret;
position q : script:python() { S.converts(q) };
@@
- T ret@q;
  ... when != ret
