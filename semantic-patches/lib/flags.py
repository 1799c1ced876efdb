# SPDX-License-Identifier: GPL-2.0
#
# VM_* masks of a legacy ->mmap as the VMA_*_BIT lists of the descriptor
# helpers (vma_desc_set_flags(desc, VMA_IO_BIT, ...)).

import re

# VMA flag bits of 7.0 include/linux/mm.h (DECLARE_VMA_BIT and aliases).
VMA_BITS = set("""
READ WRITE EXEC SHARED MAYREAD MAYWRITE MAYEXEC MAYSHARE GROWSDOWN
UFFD_MISSING MAYOVERLAY PFNMAP MAYBE_GUARD UFFD_WP LOCKED IO SEQ_READ
RAND_READ DONTCOPY DONTEXPAND LOCKONFAULT ACCOUNT NORESERVE HUGETLB SYNC
ARCH_1 WIPEONFORK DONTDUMP SOFTDIRTY MIXEDMAP HUGEPAGE NOHUGEPAGE
MERGEABLE ALLOW_ANY_UNCACHED DROPPABLE UFFD_MINOR SEALED SAO GROWSUP
SPARC_ADI ARM64_BTI ARCH_CLEAR MAPPED_COPY MTE MTE_ALLOWED STACK
SHADOW_STACK
""".split())

# Composite VM_* masks of 7.0, expanded bit by bit.
VM_MASKS = {
    "VM_SPECIAL": ["IO", "DONTEXPAND", "PFNMAP", "MIXEDMAP"],
    "VM_REMAP_FLAGS": ["IO", "PFNMAP", "DONTEXPAND", "DONTDUMP"],
}


def flag_bits(expr):
    """'VM_IO | VM_PFNMAP' -> 'VMA_IO_BIT, VMA_PFNMAP_BIT', None if not
    a plain constant mask of known flags."""
    expr = re.sub(r"\s+", "", str(expr))
    while expr.startswith("(") and expr.endswith(")"):
        expr = expr[1:-1]
    bits = []
    for part in expr.split("|"):
        part = part.strip("()")
        if part in VM_MASKS:
            bits += VM_MASKS[part]
            continue
        m = re.fullmatch(r"VM_([A-Z0-9_]+)", part)
        if not m or m.group(1) not in VMA_BITS:
            return None
        bits.append(m.group(1))
    return ", ".join("VMA_%s_BIT" % b for b in bits)
