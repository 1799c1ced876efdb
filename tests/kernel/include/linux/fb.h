/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_FB_H
#define _LINUX_FB_H
#include <linux/fs.h>
struct fb_info;
struct fb_ops {
	struct module *owner;
	int (*fb_open)(struct fb_info *info, int user);
	int (*fb_mmap)(struct fb_info *info, struct vm_area_struct *vma);
};
#endif
