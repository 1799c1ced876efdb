// SPDX-License-Identifier: GPL-2.0
/*
 * A static helper given the VMA by this callback only is converted with
 * it (as drivers/char/mem.c's private_mapping_ok() upstream); one that
 * another function also calls blocks its callback.
 */

static inline int mapping_ok(struct vm_area_struct *vma)
{
	return is_nommu_shared_mapping(vma->vm_flags);
}

static int one_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!mapping_ok(vma))
		return -ENOSYS;
	vma->vm_ops = &one_vm_ops;
	return 0;
}

static int shared_check(struct vm_area_struct *vma)
{
	return vma->vm_pgoff != 0;
}

static int two_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (shared_check(vma))
		return -EINVAL;
	vma->vm_ops = &two_vm_ops;
	return 0;
}

static vm_fault_t two_fault(struct vm_fault *vmf)
{
	return shared_check(vmf->vma) ? VM_FAULT_SIGBUS : 0;
}

static const struct file_operations one_fops = {
	.mmap = one_mmap,
};

static const struct file_operations two_fops = {
	.mmap = two_mmap,
};
