// SPDX-License-Identifier: GPL-2.0
/* Not the whole VMA, or the size changes: left to report_only.cocci. */

static int offset_mmap(struct file *file, struct vm_area_struct *vma)
{
	return remap_pfn_range(vma, vma->vm_start + PAGE_SIZE, 42,
			       PAGE_SIZE, vma->vm_page_prot);
}

static int clamp_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long size = vma->vm_end - vma->vm_start;

	if (size > SZ_1M)
		size = SZ_1M;
	return remap_pfn_range(vma, vma->vm_start, 42, size,
			       vma->vm_page_prot);
}

static int desc_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &desc_vm_ops;
	return 0;
}

static const struct file_operations offset_fops = {
	.mmap		= offset_mmap,
};

static const struct file_operations clamp_fops = {
	.mmap		= clamp_mmap,
};

static const struct file_operations desc_fops = {
	.mmap		= desc_mmap,
};

