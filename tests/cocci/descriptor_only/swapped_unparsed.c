// SPDX-License-Identifier: GPL-2.0
/*
 * swapped.c with the swap in a block spatch cannot parse (a macro like
 * scoped_guard() before lib/macros.h): the function is invisible to the
 * rules, and the swap is still found in the file's text.  Both tables
 * are blocked.
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

	weird_macro(card) {
		list_for_each_entry(cf, &card->files, list)
			cf->file->f_op = &shut_fops;
	}
}
