// SPDX-License-Identifier: GPL-2.0
/* drivers/misc/c.c: a new driver, still written with .mmap */
#include <linux/fs.h>

static int c_mmap(struct file *file, struct vm_area_struct *vma)
{
	return 0;
}

static const struct file_operations c_fops = {
	.mmap	= c_mmap,
};
