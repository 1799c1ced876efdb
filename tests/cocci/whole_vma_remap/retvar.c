// SPDX-License-Identifier: GPL-2.0
/*
 * "ret = remap_pfn_range(...); if (ret) return ret; return 0;" and
 * "ret = ...; return ret;": the action returns the remap's error itself;
 * the local goes when nothing else uses it.
 */

static int ret_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct dev *d = file->private_data;
	int ret;

	if (vma->vm_pgoff)
		return -EINVAL;
	ret = remap_pfn_range(vma, vma->vm_start, d->pfn,
			      vma->vm_end - vma->vm_start, vma->vm_page_prot);
	if (ret)
		return ret;
	return 0;
}

static int rc_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct dev *d = file->private_data;
	int rc;

	rc = d->check(d);
	if (rc)
		return rc;
	rc = io_remap_pfn_range(vma, vma->vm_start, d->pfn,
				vma->vm_end - vma->vm_start,
				vma->vm_page_prot);
	return rc;
}

static const struct file_operations ret_fops = {
	.mmap		= ret_mmap,
};

static const struct file_operations rc_fops = {
	.mmap		= rc_mmap,
};
