// SPDX-License-Identifier: GPL-2.0
///
/// mmprep: the callbacks the .mmap -> .mmap_prepare semantic patches work
/// on.
///
/// The .mmap callbacks of file_operations tables defined in the file, the
/// static helpers they hand their VMA to, and the f_op swaps that decide
/// whether a table may convert at all.  Included first by lib/find.cocci,
/// which then looks at every use of those functions' VMA.
//

@initialize:python@
@@
import os
import sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.getcwd(), "lib"))
from mmprep_cocci import S, key, flag_bits, bit_list, prepare_name
from shapes import cmp_kind, drop_conversion, nargs, spaced

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
fp << cb.fp;
cbv << cb.cbv;
pf << cb.pf;
@@
S.add_member(pf[0].file, fn, fn, cbv)
S.fileparam[str(fn)] = str(fp)

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
