// SPDX-License-Identifier: GPL-2.0
/* Every flag generation and descriptor field a callback may touch. */

static int demo_mmap(struct file *file, struct vm_area_struct *vma);

static int demo_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct demo *d = file->private_data;
	unsigned long size = vma->vm_end - vma->vm_start;

	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	if (is_cow_mapping(vma->vm_flags))
		return -EINVAL;
	if (vma->vm_pgoff + vma_pages(vma) > d->npages)
		return -EINVAL;
	if (size > d->size || vma->vm_file != file)
		return -EINVAL;

	vma->vm_flags |= VM_IO;
	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	vma_set_flags(vma, VMA_NORESERVE_BIT);
	vm_flags_clear(vma, VM_MAYWRITE);
	vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	vma->vm_ops = &demo_vm_ops;
	vma->vm_private_data = d;
	return 0;
}

static const struct file_operations demo_fops = {
	.owner		= THIS_MODULE,
	.mmap		= demo_mmap,
	.llseek		= noop_llseek,
};
