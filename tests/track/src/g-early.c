// SPDX-License-Identifier: GPL-2.0
/* drivers/gpu/drm/g.c converted to .mmap_prepare */
#include <linux/fs.h>
#include "g_local.h"

static int g_mmap_prepare(struct vm_area_desc *desc)
{
	return (desc->end - desc->start) >> 12 > G_PAGES ? -22 : 0;
}

static const struct file_operations g_fops = {
	.mmap_prepare	= g_mmap_prepare,
};
