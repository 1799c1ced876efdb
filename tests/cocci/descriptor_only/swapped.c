// SPDX-License-Identifier: GPL-2.0
/*
 * A table swapped into a live file's f_op at run time (sound/core/init.c:
 * snd_card_disconnect() installs snd_shutdown_f_ops): __mmap_region()
 * reads ->mmap_prepare once and ->mmap later, so a swapped-in table and
 * the tables it replaces must use the same hook.  Both are blocked.
 */

static int shut_mmap(struct file *file, struct vm_area_struct *vma)
{
	return -ENODEV;
}

static const struct file_operations shut_fops = {
	.mmap		= shut_mmap,
};

static int live_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_private_data = file->private_data;
	return 0;
}

static const struct file_operations live_fops = {
	.mmap		= live_mmap,
};

void card_disconnect(struct card *card)
{
	struct card_file *cf;

	list_for_each_entry(cf, &card->files, list)
		cf->file->f_op = &shut_fops;
}
