// SPDX-License-Identifier: GPL-2.0
/* The remap's result is the callback's: no hook needed. */

static int plain_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct plain *p = file->private_data;

	if (vma->vm_pgoff)
		return -EINVAL;
	vm_flags_set(vma, VM_DONTCOPY);
	return remap_pfn_range(vma, vma->vm_start, p->pfn,
			       vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

static int io_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct plain *p = file->private_data;

	return io_remap_pfn_range(vma, vma->vm_start, p->pfn,
				  vma_pages(vma) << PAGE_SHIFT,
				  pgprot_noncached(vma->vm_page_prot));
}

static const struct file_operations plain_fops = {
	.mmap		= plain_mmap,
};

static const struct file_operations io_fops = {
	.mmap		= io_mmap,
};

