// SPDX-License-Identifier: GPL-2.0
/*
 * vm_flags as the last argument of a debug print
 * (arch/powerpc/platforms/powernv/opal-prd.c,
 * drivers/sbus/char/oradax.c): the descriptor keeps its flags in a
 * bitmap, so the print drops the argument and its label.  A protection
 * computed for the remap alone stays the remap's.  A debug print after
 * the remap may stay; a pr_info() of vm_flags is something users see:
 * blocked.
 */

static int opal_prd_mmap(struct file *file, struct vm_area_struct *vma)
{
	size_t addr, size;
	pgprot_t page_prot;

	pr_devel("opal_prd_mmap(0x%016lx, 0x%016lx, 0x%lx, 0x%lx)\n",
			vma->vm_start, vma->vm_end, vma->vm_pgoff,
			vma->vm_flags);

	addr = vma->vm_pgoff << PAGE_SHIFT;
	size = vma->vm_end - vma->vm_start;

	/* ensure we're mapping within one of the allowable ranges */
	if (!opal_prd_range_is_valid(addr, size))
		return -EINVAL;

	page_prot = phys_mem_access_prot(file, vma->vm_pgoff,
					 size, vma->vm_page_prot);

	return remap_pfn_range(vma, vma->vm_start, vma->vm_pgoff, size,
				page_prot);
}

static int dax_devmap(struct file *f, struct vm_area_struct *vma)
{
	struct dax_ctx *ctx = (struct dax_ctx *)f->private_data;
	size_t len = vma->vm_end - vma->vm_start;

	dax_dbg("len=0x%lx, flags=0x%lx", len, vma->vm_flags);

	if (ctx->owner != current) {
		dax_dbg("devmap called from wrong thread");
		return -EINVAL;
	}

	/* completion area is mapped read-only for user */
	if (vma->vm_flags & VM_WRITE)
		return -EPERM;
	vm_flags_clear(vma, VM_MAYWRITE);

	if (remap_pfn_range(vma, vma->vm_start, ctx->ca_buf_ra >> PAGE_SHIFT,
			    len, vma->vm_page_prot))
		return -EAGAIN;

	dax_dbg("mmapped completion area at uva 0x%lx", vma->vm_start);
	return 0;
}

static int info_mmap(struct file *f, struct vm_area_struct *vma)
{
	pr_info("mapping with flags %lx\n", vma->vm_flags);
	return remap_pfn_range(vma, vma->vm_start, 42,
			       vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

static const struct file_operations opal_prd_fops = {
	.mmap		= opal_prd_mmap,
};

static const struct file_operations dax_fops = {
	.mmap	=	dax_devmap,
};

static const struct file_operations info_fops = {
	.mmap		= info_mmap,
};
