// SPDX-License-Identifier: GPL-2.0
/* API 7.1 (api71.api): vma_desc_test_flags() became vma_desc_test_any(). */

struct api;

static int api_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_flags & (VM_SHARED | VM_MAYSHARE))
		return -EINVAL;
	vm_flags_set(vma, VM_DONTCOPY);
	return 0;
}

static const struct file_operations api_fops = {
	.mmap		= api_mmap,
};
