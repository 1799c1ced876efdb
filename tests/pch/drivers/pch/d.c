// SPDX-License-Identifier: GPL-2.0
#define DEBUG
#include <linux/printk.h>
#include <linux/fs.h>
#include <linux/vmhelp.h>

static int d_mmap(struct file *file, struct vm_area_struct *vma)
{
	pr_vma(vma);
	return 0;
}

static const struct file_operations d_fops = {
	.mmap	= d_mmap,
};
