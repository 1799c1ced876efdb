// SPDX-License-Identifier: GPL-2.0
#include <linux/printk.h>
#include <linux/modname.h>

static int b_helper(struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_PFNMAP);
	return 0;
}

#include <linux/vmhelp.h>
#include <linux/needs-cfg.h>
#include <linux/fs.h>

static int b_mmap(struct file *file, struct vm_area_struct *vma)
{
	pr_vma(vma);
	return b_helper(vma);
}

static const struct file_operations b_fops = {
	.mmap	= b_mmap,
};
