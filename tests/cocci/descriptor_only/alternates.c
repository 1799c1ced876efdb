// SPDX-License-Identifier: GPL-2.0
/*
 * Alternate definitions of a callback are renamed together: a stub
 * under #else (drivers/char/hpet.c), "#define fn NULL" when the mapping
 * is compiled out (powerpc spufs), and a forward declaration
 * (drivers/sbus/char/oradax.c).
 */

static int dev_mmap(struct file *f, struct vm_area_struct *vma);

#if CNTL_MMAP
static int cntl_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;

	vm_flags_set(vma, VM_IO | VM_PFNMAP);
	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	vma->vm_ops = &cntl_vm_ops;
	return 0;
}
#else /* CNTL_MMAP */
#define cntl_mmap NULL
#endif /* !CNTL_MMAP */

#ifdef CONFIG_STUB_MMAP
static int stub_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct stub *s = file->private_data;

	if (vma->vm_pgoff)
		return -EINVAL;
	vma->vm_private_data = s;
	return 0;
}
#else
static int stub_mmap(struct file *file, struct vm_area_struct *area)
{
	return -ENOSYS;
}
#endif

static const struct file_operations cntl_fops = {
	.open		= cntl_open,
	.mmap		= cntl_mmap,
};

static const struct file_operations stub_fops = {
	.mmap		= stub_mmap,
};

static const struct file_operations dev_fops = {
	.mmap		= dev_mmap,
};

static int dev_mmap(struct file *f, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_WRITE)
		return -EPERM;
	vm_flags_clear(vma, VM_MAYWRITE);
	return 0;
}

#ifdef CONFIG_OTHER
static int other_mmap(struct file *file, struct vm_area_struct *vma)
{
	vma->vm_private_data = file->private_data;
	return 0;
}
#else
#define other_mmap common_mmap
#endif

static const struct file_operations other_fops = {
	.mmap		= other_mmap,
};
