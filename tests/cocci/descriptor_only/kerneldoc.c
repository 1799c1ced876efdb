// SPDX-License-Identifier: GPL-2.0
/* The kernel-doc of a converted callback names the new function and
 * documents @desc, not @file and @vma; so is a plain comment written the
 * same way and followed by a blank line (powernv opal-prd), and one that
 * names the function without a description (fs/gfs2).
 */

/**
 * doc_mmap - map the buffer
 * @file: the file being mapped,
 *        with a description on two lines
 * @vma: the VMA
 *
 * Return: 0 or -EINVAL.
 */
static int doc_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (vma->vm_pgoff)
		return -EINVAL;
	vma->vm_private_data = file->private_data;
	return 0;
}

/*
 * plain_mmap - maps firmware-provided ranges into userspace
 * @file: file structure for the device
 * @vma: VMA to map the registers into
 */

static int plain_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_private_data = file->private_data;
	return 0;
}

/**
 * bare_mmap
 * @file: The file to map
 * @vma: The VMA which described the mapping
 *
 * Returns: 0
 */

static int bare_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &bare_vm_ops;
	return 0;
}

static const struct file_operations bare_fops = {
	.mmap		= bare_mmap,
};

static const struct file_operations doc_fops = {
	.mmap		= doc_mmap,
};

static const struct file_operations plain_fops = {
	.mmap		= plain_mmap,
};
