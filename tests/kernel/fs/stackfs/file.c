// SPDX-License-Identifier: GPL-2.0
/* A stacked file system: the lower file's own mmap does the work. */
#include <linux/fs.h>

static int stackfs_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct file *lower = file->private_data;

	return lower->f_op->mmap(lower, vma);
}

static const struct file_operations stackfs_fops = {
	.mmap = stackfs_mmap,
};
