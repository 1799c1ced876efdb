/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _V4L2_DEV_H
#define _V4L2_DEV_H
#include <linux/fs.h>
struct v4l2_file_operations {
	struct module *owner;
	int (*mmap)(struct file *, struct vm_area_struct *);
	int (*open)(struct file *);
};
#endif
