// SPDX-License-Identifier: GPL-2.0
/*
 * A vm_ops close that spatch cannot parse: no rule sees what it releases,
 * so it is taken to release something, and a callback that takes a
 * reference is blocked.
 */

static void dev_vm_close(struct vm_area_struct *vma)
{
	struct dev *d = vma->vm_private_data;

	weird_macro(d) {
		kref_put(&d->ref, dev_release);
	}
}

static const struct vm_operations_struct dev_vm_ops = {
	.close	= dev_vm_close,
};

static int dev_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct dev *d = file->private_data;

	kref_get(&d->ref);
	vma->vm_private_data = d;
	vma->vm_ops = &dev_vm_ops;
	return 0;
}

static const struct file_operations dev_fops = {
	.mmap		= dev_mmap,
};
