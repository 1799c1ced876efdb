// SPDX-License-Identifier: GPL-2.0
/* drivers/char/a.c: a late .mmap that sets VM_SPECIAL flags (VM_IO) */
#include <linux/fs.h>

static int a_mmap(struct file *file, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_IO | VM_DONTEXPAND | VM_DONTDUMP);
	return remap_pfn_range(vma, vma->vm_start, vma->vm_pgoff,
			       vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

static const struct file_operations a_fops = {
	.mmap	= a_mmap,
};
