// SPDX-License-Identifier: GPL-2.0
///
/// Convert .mmap callbacks that end in vm_iomap_memory() to .mmap_prepare.
///
/// "return vm_iomap_memory(vma, start, len);" checks a physical range
/// against the VMA and I/O-remaps the whole VMA from it.  The 7.0
/// descriptor has no such action, so a static helper next to the callback
/// does the same checks on struct vm_area_desc, as drivers/char/mem.c's
/// mmap_mem_prepare() does, and ends in mmap_action_ioremap_full(): the
/// core remaps once the VMA exists, with the errors vm_iomap_memory()
/// returned.  A callback that ignores its result (hwtracing/stm) is not
/// converted.  The rest of the callback is rewritten as
/// descriptor_only.cocci does.
///
// Confidence: High
// Copyright: (C) 2026 mmprep authors.
// Comments: run spatch from semantic-patches/ (#include is resolved
//  against the working directory).  MMPREP_API=7.1 in the environment
//  selects another API generation's names (api.tsv).
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report

#include "lib/mmap_prepare.cocci"

@initialize:python@
@@
import os
import sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.getcwd(), "lib"))
from mmprep_cocci import S
S.category = "iomap_memory"

@script:python depends on report || context@
@@
S.mode = "report"

@script:python depends on org@
@@
S.mode = "org"

@finalize:python@
@@
S.flush()
