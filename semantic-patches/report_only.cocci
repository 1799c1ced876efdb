// SPDX-License-Identifier: GPL-2.0
///
/// Report .mmap callbacks that the .mmap_prepare API cannot express yet.
///
/// A legacy .mmap makes every mapping of the file take the late KSM path
/// in mm/vma.c.  These callbacks cannot move to .mmap_prepare because
/// what they do to the VMA has no descriptor form in the tree's API:
/// inserting pages (vm_insert_page() and friends), dma_mmap_*(),
/// remap_vmalloc_range(), partial or repeated remap_pfn_range(), and
/// vm_iomap_memory() on 7.0.  The reasons and the API that would lift each
/// block come from categories.tsv (mode "report").  Nothing is rewritten.
///
// Confidence: High
// Copyright: (C) 2026 mmprep authors.
// Comments: run spatch from semantic-patches/ (#include is resolved
//  against the working directory).
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
S.category = "report_only"

@blocking@
idexpression struct vm_area_struct *V;
identifier g;
position p;
@@
g@p(..., V, ...)

@script:python@
g << blocking.g;
p << blocking.p;
V << blocking.V;
@@
S.report_call(p, g, V)

@script:python depends on report || context@
@@
S.mode = "report"

@script:python depends on org@
@@
S.mode = "org"

@finalize:python@
@@
S.flush()
