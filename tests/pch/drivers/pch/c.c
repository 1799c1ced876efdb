// SPDX-License-Identifier: GPL-2.0
#define pr_fmt(fmt) "c: " fmt
#include <linux/needs-cfg.h>
#include <linux/fs.h>
#include <linux/printk.h>
#include <linux/modname.h>

static int c_mmap(struct file *file, struct vm_area_struct *vma)
{
	pr_vma(vma);
	return 0;
}

static const struct file_operations c_fops = {
	.mmap	= c_mmap,
};
