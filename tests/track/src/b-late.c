// SPDX-License-Identifier: GPL-2.0
/* drivers/char/b.c before its conversion: plain .mmap, no VM_SPECIAL */
#include <linux/fs.h>

static int b_mmap(struct file *file, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTCOPY);
	return 0;
}

static const struct file_operations b_fops = {
	.mmap	= b_mmap,
};
