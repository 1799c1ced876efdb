/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H
#include <linux/mm.h>

struct inode;
struct file {
	void *private_data;
	const struct file_operations *f_op;
};

struct file_operations {
	struct module *owner;
	ssize_t (*read)(struct file *, char *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char *, size_t, loff_t *);
	int (*mmap)(struct file *, struct vm_area_struct *);
	int (*open)(struct inode *, struct file *);
	int (*release)(struct inode *, struct file *);
	int (*mmap_prepare)(struct vm_area_desc *);
};

int generic_file_mmap(struct file *, struct vm_area_struct *);
int generic_file_readonly_mmap(struct file *, struct vm_area_struct *);
int generic_file_mmap_prepare(struct vm_area_desc *);
#endif
