// SPDX-License-Identifier: GPL-2.0
/// The reference point of "make bench": the obvious Coccinelle rule for
/// legacy mmap users, file_operations initializers with a .mmap field.
/// It sees neither macro-generated tables nor the struct of a field,
/// which is what mmprep's scan adds.
///
// Confidence: High
// Options: --no-includes --include-headers

virtual report

@r depends on report@
identifier ops;
identifier fn != NULL;
position p;
@@
struct file_operations ops@p = { ..., .mmap = fn, ... };

@script:python depends on report@
p << r.p;
ops << r.ops;
fn << r.fn;
@@
print("%s:%s:%s: %s.mmap = %s" % (p[0].file, p[0].line, p[0].column, ops, fn))
