// SPDX-License-Identifier: GPL-2.0
/* drivers/gpu/drm/g.c before its conversion */
#include <linux/fs.h>
#include "g_local.h"

static int g_mmap(struct file *file, struct vm_area_struct *vma)
{
	return vma_pages(vma) > G_PAGES ? -22 : 0;
}

static const struct file_operations g_fops = {
	.mmap	= g_mmap,
};
