// SPDX-License-Identifier: GPL-2.0
/* drivers/char/b.c converted to .mmap_prepare */
#include <linux/fs.h>

static int b_mmap_prepare(struct vm_area_desc *desc)
{
	return 0;
}

static const struct file_operations b_fops = {
	.mmap_prepare	= b_mmap_prepare,
};
