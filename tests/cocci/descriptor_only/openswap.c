// SPDX-License-Identifier: GPL-2.0
/*
 * f_op replaced in an open function (drivers/char/misc.c's misc_open()),
 * before the file is installed: no mmap can race it, so the table
 * converts.
 */

static int real_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_pgoff)
		return -EINVAL;
	return 0;
}

static const struct file_operations real_fops = {
	.mmap		= real_mmap,
};

static int stub_open(struct inode *inode, struct file *file)
{
	replace_fops(file, &real_fops);
	return 0;
}
