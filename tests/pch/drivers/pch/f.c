// SPDX-License-Identifier: GPL-2.0
#include "local.h"
#include <linux/fs.h>

static int f_mmap(struct file *file, struct vm_area_struct *vma)
{
	return local_set(vma);
}

static const struct file_operations f_fops = {
	.mmap	= f_mmap,
};
