// SPDX-License-Identifier: GPL-2.0
#include <linux/fs.h>

static int e_mmap(struct file *file, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_PFNMAP);
	return 0;
}

static const struct file_operations e_fops = {
	.mmap	= e_mmap,
};
