// SPDX-License-Identifier: GPL-2.0
///
/// Convert .mmap callbacks that only describe the mapping to .mmap_prepare.
///
/// A file whose file_operations has a legacy .mmap takes the late KSM path
/// in mm/vma.c: VM_MERGEABLE is set after the merge attempt.  A callback
/// that only sets flags, vm_ops and private data, reads the offset, size
/// or protection and refuses some mappings describes the same mapping
/// through struct vm_area_desc.  Static helpers given the VMA and used by
/// this callback only are converted with it.  Any other use of the VMA
/// blocks the conversion; report mode says which line and why.
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
S.category = "descriptor_only"

@script:python depends on report || context@
@@
S.mode = "report"

@script:python depends on org@
@@
S.mode = "org"

@finalize:python@
@@
S.flush()
