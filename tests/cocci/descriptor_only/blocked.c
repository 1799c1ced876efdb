// SPDX-License-Identifier: GPL-2.0
/* Uses of the VMA that struct vm_area_desc cannot express: left alone. */

static int extern_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_ops = &extern_vm_ops;
	return register_mapping(file, vma);
}

static int raw_mmap(struct file *file, struct vm_area_struct *vma)
{
	vm_flags_t saved = vma->vm_flags;

	vma->vm_private_data = (void *)saved;
	return 0;
}

static int var_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long extra = file->f_flags & O_SYNC ? VM_IO : 0;

	vm_flags_set(vma, VM_DONTEXPAND | extra);
	return 0;
}

static int remap_mmap(struct file *file, struct vm_area_struct *vma)
{
	return remap_pfn_range(vma, vma->vm_start, 0,
			       vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

static void keep_close(struct vm_area_struct *vma)
{
	struct win *w = vma->vm_private_data;

	w->vma = NULL;
}

static const struct vm_operations_struct keep_vm_ops = {
	.close	= keep_close,
};

/* arch/powerpc/platforms/book3s/vas-api.c: the VMA pointer is kept */
static int keep_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct win *w = file->private_data;

	w->vma = vma;
	vma->vm_private_data = w;
	vma->vm_ops = &keep_vm_ops;
	return 0;
}

static const struct file_operations extern_fops = {
	.mmap		= extern_mmap,
};

static const struct file_operations raw_fops = {
	.mmap		= raw_mmap,
};

static const struct file_operations var_fops = {
	.mmap		= var_mmap,
};

static const struct file_operations remap_fops = {
	.mmap		= remap_mmap,
};

static const struct file_operations keep_fops = {
	.mmap		= keep_mmap,
};
