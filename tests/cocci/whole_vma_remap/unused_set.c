// SPDX-License-Identifier: GPL-2.0
/* drivers/soc/aspeed/aspeed-p2a-ctrl.c: a size local assigned apart from
 * its declaration and only read by the remap goes away with both. */

static int p2a_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long vsize;
	pgprot_t prot;
	struct p2a *ctrl = file->private_data;

	vsize = vma->vm_end - vma->vm_start;
	prot = vma->vm_page_prot;

	if (vma->vm_pgoff + vma_pages(vma) > ctrl->mem_size >> PAGE_SHIFT)
		return -EINVAL;

	prot = pgprot_noncached(prot);

	if (remap_pfn_range(vma, vma->vm_start,
		(ctrl->mem_base >> PAGE_SHIFT) + vma->vm_pgoff,
		vsize, prot))
		return -EAGAIN;

	return 0;
}

static const struct file_operations p2a_fops = {
	.mmap = p2a_mmap,
};
