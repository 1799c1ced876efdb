// SPDX-License-Identifier: GPL-2.0
/*
 * fs/ecryptfs/file.c: a check, then generic_file_mmap() of the file being
 * mapped, which generic_file_mmap_prepare() does on the descriptor.  On
 * another file it is not the same: blocked.
 */

static int ecryptfs_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct file *lower_file = ecryptfs_file_to_lower(file);
	/*
	 * Don't allow mmap on top of file systems that don't support it
	 * natively.
	 */
	if (!can_mmap_file(lower_file))
		return -ENODEV;
	return generic_file_mmap(file, vma);
}

static int lower_mmap(struct file *file, struct vm_area_struct *vma)
{
	return generic_file_readonly_mmap(ecryptfs_file_to_lower(file), vma);
}

const struct file_operations ecryptfs_main_fops = {
	.mmap = ecryptfs_mmap,
	.open = ecryptfs_open,
};

const struct file_operations lower_fops = {
	.mmap = lower_mmap,
};
