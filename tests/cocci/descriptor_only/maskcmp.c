// SPDX-License-Identifier: GPL-2.0
/*
 * vm_flags & mask compared with a value.  "!= mask" asks whether not all
 * of the bits are set (virt/kvm/guest_memfd.c): vma_flags_test_all();
 * "== 0" whether none is (drivers/vhost/vdpa.c): the descriptor's test.
 * Any other value has no descriptor form: blocked.
 */

static int kvm_gmem_mmap(struct file *file, struct vm_area_struct *vma)
{
	if ((vma->vm_flags & (VM_SHARED | VM_MAYSHARE)) !=
	    (VM_SHARED | VM_MAYSHARE)) {
		return -EINVAL;
	}

	vma->vm_ops = &kvm_gmem_vm_ops;

	return 0;
}

static int vdpa_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct vdpa *v = vma->vm_file->private_data;

	if (vma->vm_end - vma->vm_start != PAGE_SIZE)
		return -EINVAL;
	if ((vma->vm_flags & VM_SHARED) == 0)
		return -EINVAL;
	if (vma->vm_flags & VM_READ)
		return -EINVAL;
	if ((vma->vm_flags & VM_WRITE) != VM_WRITE)
		return -EPERM;
	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	vm_flags_set(vma, VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP);
	vma->vm_ops = &vdpa_vm_ops;
	vma->vm_private_data = v;
	return 0;
}

static int odd_mmap(struct file *file, struct vm_area_struct *vma)
{
	if ((vma->vm_flags & (VM_SHARED | VM_WRITE)) == VM_WRITE)
		return -EINVAL;
	return 0;
}

static struct file_operations kvm_gmem_fops = {
	.mmap		= kvm_gmem_mmap,
};

static const struct file_operations vdpa_fops = {
	.mmap		= vdpa_mmap,
};

static const struct file_operations odd_fops = {
	.mmap		= odd_mmap,
};
