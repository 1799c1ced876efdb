// SPDX-License-Identifier: GPL-2.0
/*
 * A file registered with snd_card_file_add() can have its f_op swapped
 * for snd_shutdown_f_ops by snd_card_disconnect(), which keeps ->mmap:
 * blocked.
 */

static int dev_open(struct inode *inode, struct file *file)
{
	return snd_card_file_add(card, file);
}

static int dev_mmap(struct file *file, struct vm_area_struct *vma)
{
	return -ENXIO;
}

static const struct file_operations dev_fops = {
	.open		= dev_open,
	.mmap		= dev_mmap,
};
