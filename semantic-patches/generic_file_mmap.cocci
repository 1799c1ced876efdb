// SPDX-License-Identifier: GPL-2.0
///
/// Use generic_file_mmap_prepare() and generic_file_readonly_mmap_prepare()
/// instead of generic_file_mmap() and generic_file_readonly_mmap().
///
/// A legacy .mmap makes every mapping of the file take the late KSM path
/// in mm/vma.c (VM_MERGEABLE set after the merge attempt).  The
/// .mmap_prepare variants do the same on the VMA descriptor.
///
// Confidence: High
// Copyright: (C) 2026 mmprep authors.
// Comments: names of the tree's API generation: api.tsv, MMPREP_API.
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
import os
import sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.getcwd(), "lib"))
from mmprep_cocci import S

//----------------------------------------------------------
//  For patch mode
//----------------------------------------------------------

@depends on patch@
identifier ops;
symbol generic_file_mmap;
fresh identifier rw = script:python(ops) { S.name("generic_mmap") };
@@
 struct file_operations ops = { ...,
- .mmap = generic_file_mmap,
+ .mmap_prepare = rw,
 ...};

@depends on patch@
identifier ops;
symbol generic_file_readonly_mmap;
fresh identifier ro = script:python(ops) { S.name("generic_ro_mmap") };
@@
 struct file_operations ops = { ...,
- .mmap = generic_file_readonly_mmap,
+ .mmap_prepare = ro,
 ...};

//----------------------------------------------------------
//  For context mode
//----------------------------------------------------------

@depends on context && !patch@
identifier ops;
symbol generic_file_mmap, generic_file_readonly_mmap;
@@
 struct file_operations ops = { ...,
*	.mmap = \(generic_file_mmap\|generic_file_readonly_mmap\),
 ...};

//----------------------------------------------------------
//  For org and report mode
//----------------------------------------------------------

@r depends on (org || report) && !patch@
identifier ops, fn = {generic_file_mmap, generic_file_readonly_mmap};
position p;
@@
 struct file_operations ops = { ..., .mmap = fn@p, ... };

@script:python depends on report@
p << r.p;
fn << r.fn;
ops << r.ops;
@@
coccilib.report.print_report(p[0], "WARNING: %s.mmap = %s() takes the "
			     "late KSM path: use %s_prepare()" % (ops, fn, fn))

@script:python depends on org@
p << r.p;
fn << r.fn;
ops << r.ops;
@@
coccilib.org.print_todo(p[0], "%s.mmap = %s(): use %s_prepare()" %
			(ops, fn, fn))
