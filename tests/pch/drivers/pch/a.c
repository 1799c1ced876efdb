// SPDX-License-Identifier: GPL-2.0
#include <linux/fs.h>
#include <linux/vmhelp.h>
#include <linux/printk.h>
#include <linux/modname.h>
#include <linux/needs-cfg.h>

static int a_mmap(struct file *file, struct vm_area_struct *vma)
{
	return vmhelp_set(vma);
}

static const struct file_operations a_fops = {
	.mmap	= a_mmap,
};
