// SPDX-License-Identifier: GPL-2.0
/*
 * A reference taken in mmap and dropped in vm_ops->close
 * (drivers/hwtracing/intel_th/msu.c): if mmap fails after
 * ->mmap_prepare returns (vm_area_alloc(), vma_iter_prealloc() in
 * mm/vma.c), close never runs and the reference leaks.  Blocked.  A
 * close that releases nothing, and a callback that takes nothing, do
 * not block.
 */

static void msc_mmap_open(struct vm_area_struct *vma)
{
	struct msc *msc = vma->vm_file->private_data;

	atomic_inc(&msc->mmap_count);
}

static void msc_mmap_close(struct vm_area_struct *vma)
{
	struct msc *msc = vma->vm_file->private_data;

	if (!atomic_dec_and_mutex_lock(&msc->mmap_count, &msc->buf_mutex))
		return;
	atomic_dec(&msc->user_count);
	mutex_unlock(&msc->buf_mutex);
}

static const struct vm_operations_struct msc_mmap_ops = {
	.open	= msc_mmap_open,
	.close	= msc_mmap_close,
};

static int msc_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct msc *msc = vma->vm_file->private_data;
	int ret = -EINVAL;

	if (vma->vm_pgoff)
		return -EINVAL;

	/* grab user_count once per mmap; drop in msc_mmap_close() */
	if (!atomic_inc_unless_negative(&msc->user_count))
		return -EINVAL;

	if (msc->mode != MSC_MODE_SINGLE)
		goto out;

	atomic_set(&msc->mmap_count, 1);
	ret = 0;

out:
	if (ret)
		atomic_dec(&msc->user_count);

	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTCOPY);
	vma->vm_ops = &msc_mmap_ops;
	return ret;
}

static int cnt_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct cnt *c = file->private_data;

	c->mapped++;
	vma->vm_ops = &cnt_vm_ops;
	return 0;
}

static void cnt_close(struct vm_area_struct *vma)
{
	struct cnt *c = vma->vm_private_data;

	c->mapped--;
}

static const struct vm_operations_struct cnt_vm_ops = {
	.close	= cnt_close,
};

static void quiet_close(struct vm_area_struct *vma)
{
	pr_debug("unmapped\n");
}

static const struct vm_operations_struct quiet_vm_ops = {
	.close	= quiet_close,
};

static int quiet_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct quiet *q = file->private_data;

	if (!q->ready)
		return -ENODEV;
	vma->vm_ops = &quiet_vm_ops;
	vma->vm_private_data = q;
	return 0;
}

static const struct file_operations msc_fops = {
	.mmap		= msc_mmap,
};

static const struct file_operations cnt_fops = {
	.mmap		= cnt_mmap,
};

static const struct file_operations quiet_fops = {
	.mmap		= quiet_mmap,
};
