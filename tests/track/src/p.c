// SPDX-License-Identifier: GPL-2.0
/* fs/proc/p.c: procfs hands the driver a VMA through proc_ops */
#include <linux/proc_fs.h>

static int p_mmap(struct file *file, struct vm_area_struct *vma)
{
	return 0;
}

static const struct proc_ops p_ops = {
	.proc_mmap	= p_mmap,
};
