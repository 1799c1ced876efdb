// SPDX-License-Identifier: GPL-2.0
/*
 * arch/arc/kernel/arc_hostlink.c: a whole-VMA io-remap whose failure is
 * reported with a constant message before -EAGAIN; both go to the error
 * hook.  A message that prints a local cannot move: blocked.
 */

static int arc_hl_mmap(struct file *fp, struct vm_area_struct *vma)
{
	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);

	if (io_remap_pfn_range(vma, vma->vm_start, vma->vm_pgoff,
			       vma->vm_end - vma->vm_start,
			       vma->vm_page_prot)) {
		pr_warn("Hostlink buffer mmap ERROR\n");
		return -EAGAIN;
	}
	return 0;
}

static int loud_mmap(struct file *fp, struct vm_area_struct *vma)
{
	unsigned long pfn = 42;

	if (remap_pfn_range(vma, vma->vm_start, pfn,
			    vma->vm_end - vma->vm_start, vma->vm_page_prot)) {
		pr_err("cannot map pfn %lx\n", pfn);
		return -EAGAIN;
	}
	return 0;
}

static const struct file_operations arc_hl_fops = {
	.unlocked_ioctl	= arc_hl_ioctl,
	.mmap		= arc_hl_mmap,
};

static const struct file_operations loud_fops = {
	.mmap		= loud_mmap,
};
