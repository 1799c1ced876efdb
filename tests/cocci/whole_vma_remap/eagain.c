// SPDX-License-Identifier: GPL-2.0
/*
 * drivers/char/mem.c's mmap_mem() before 7.0: the failure of the remap
 * becomes -EAGAIN, kept by an error hook; the size is a local variable.
 */

struct phys;

static int phys_mmap(struct file *file, struct vm_area_struct *vma)
{
	size_t size = vma->vm_end - vma->vm_start;
	phys_addr_t offset = (phys_addr_t)vma->vm_pgoff << PAGE_SHIFT;

	if (offset >> PAGE_SHIFT != vma->vm_pgoff)
		return -EINVAL;
	if (!valid_range(vma->vm_pgoff, size))
		return -EPERM;

	vma->vm_ops = &phys_vm_ops;
	if (remap_pfn_range(vma,
			    vma->vm_start,
			    vma->vm_pgoff,
			    size,
			    vma->vm_page_prot)) {
		return -EAGAIN;
	}
	return 0;
}

static const struct file_operations phys_fops = {
	.mmap		= phys_mmap,
};
