/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_PROC_FS_H
#define _LINUX_PROC_FS_H
#include <linux/fs.h>
struct proc_ops {
	unsigned int proc_flags;
	int (*proc_open)(struct inode *, struct file *);
	int (*proc_mmap)(struct file *, struct vm_area_struct *);
};
#endif
