// SPDX-License-Identifier: GPL-2.0
/*
 * drivers/fpga/dfl-afu-main.c: statements the conversion lengthens are
 * wrapped the way checkpatch --strict wants, at "&&" before a comma deep
 * inside a call, at a comparison before an arithmetic operator
 * (aspeed-lpc-ctrl), and at an operator when arguments alone do not fit.
 */

static int afu_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct afu *afu = filp->private_data;
	struct dfl_afu_mmio_region region;
	u64 offset;

	offset = vma->vm_pgoff << PAGE_SHIFT;
	if (vma->vm_pgoff + vma_pages(vma) > afu->mmio_region_bytes >> PAGE_SHIFT)
		return -EINVAL;
	if ((vma->vm_flags & VM_READ) && !(region.flags & DFL_PORT_REGION_READ))
		return -EPERM;

	if ((vma->vm_flags & VM_WRITE) &&
	    !(region.flags & DFL_PORT_REGION_WRITE))
		return -EPERM;

	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);

	return remap_pfn_range(vma, vma->vm_start,
			(region.phys + (offset - region.offset)) >> PAGE_SHIFT,
			vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

static const struct file_operations afu_fops = {
	.owner = THIS_MODULE,
	.mmap = afu_mmap,
};
