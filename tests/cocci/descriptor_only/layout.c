// SPDX-License-Identifier: GPL-2.0
/*
 * Initializer blocks keep their own alignment: "=" aligned with spaces
 * (arch/powerpc/kvm/book3s_64_vio.c), with a tab and a space (spufs),
 * the values aligned after "=" (ALSA), and one space when
 * .mmap_prepare is longer than the column.
 */

static int lay_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_private_data = file->private_data;
	return 0;
}

static const struct file_operations spaces_fops = {
	.mmap           = lay_mmap,
	.release	= lay_release,
};

static const struct file_operations tab_space_fops = {
	.open	 = lay_open,
	.release = lay_release,
	.mmap	 = lay_mmap,
};

static const struct file_operations values_fops = {
	.owner =	THIS_MODULE,
	.mmap =		lay_mmap,
	.poll =		lay_poll,
};

static const struct file_operations deep_fops = {
	.read			= lay_read,
	.mmap			= lay_mmap,
};
