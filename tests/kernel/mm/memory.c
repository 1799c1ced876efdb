// SPDX-License-Identifier: GPL-2.0
/*
 * Core helpers of the fixture tree.  No fixture parses this file
 * directly: the analyzer finds it through its symbol index.
 */
#include <linux/mm.h>

static int remap_prepare(struct vm_area_struct *vma)
{
	if (vma->vm_end <= vma->vm_start)
		return -EINVAL;
	vma_set_flags_mask(vma, VMA_REMAP_FLAGS);
	return 0;
}

int remap_pfn_range(struct vm_area_struct *vma, unsigned long addr,
		    unsigned long pfn, unsigned long size, pgprot_t prot)
{
	int err;

	err = remap_prepare(vma);
	if (err)
		return err;
	return 0;
}

int vm_iomap_memory(struct vm_area_struct *vma, unsigned long start,
		    unsigned long len)
{
	if (start + len < start)
		return -EINVAL;
	return io_remap_pfn_range(vma, vma->vm_start, start >> 12,
				  vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

int vm_insert_page(struct vm_area_struct *vma, unsigned long addr,
		   struct page *page)
{
	if (!(vma->vm_flags & VM_MIXEDMAP))
		vm_flags_set(vma, VM_MIXEDMAP);
	return 0;
}
