// SPDX-License-Identifier: GPL-2.0
/* drivers/gpu/drm/h.c: a new driver, written with .mmap_prepare */
#include <linux/fs.h>

static int h_mmap_prepare(struct vm_area_desc *desc)
{
	return 0;
}

const struct file_operations h_fops = {
	.mmap_prepare	= h_mmap_prepare,
};
