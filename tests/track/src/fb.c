// SPDX-License-Identifier: GPL-2.0
/* drivers/video/fbdev/fb.c: a layer (fbdev) handing its driver a VMA */
#include <linux/fb.h>

static int demo_fb_mmap(struct fb_info *info, struct vm_area_struct *vma)
{
	return 0;
}

static const struct fb_ops demo_fbops = {
	.fb_mmap	= demo_fb_mmap,
};
