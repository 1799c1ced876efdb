// SPDX-License-Identifier: GPL-2.0
///
/// Convert .mmap callbacks that remap the whole VMA to .mmap_prepare.
///
/// A legacy .mmap forces the late KSM path (VM_MERGEABLE is set after
/// the merge attempt).  A callback whose mapping is one
/// remap_pfn_range() or io_remap_pfn_range() of the whole VMA, followed
/// by its return, becomes mmap_action_remap_full() or
/// mmap_action_ioremap_full() on the descriptor: the core remaps after
/// .mmap_prepare returns, so every check still runs first.  A protection
/// other than vma->vm_page_prot goes to the action only
/// (desc->action.remap.pgprot), as it went to the remap only; an error
/// code the old code substituted for the remap failure ("if
/// (remap_pfn_range(...)) return -EAGAIN;"), and a print with constant
/// arguments before it, are kept by a desc->action.error_hook.  The rest
/// of the callback is rewritten as descriptor_only.cocci does.
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
S.category = "whole_vma_remap"

@script:python depends on report || context@
@@
S.mode = "report"

@script:python depends on org@
@@
S.mode = "org"

@finalize:python@
@@
S.flush()
