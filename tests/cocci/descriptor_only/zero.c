// SPDX-License-Identifier: GPL-2.0
/* drivers/char/mem.c's mmap_zero() before 7.0: shmem and a success hook. */

struct zero;

static int zero_mmap(struct file *file, struct vm_area_struct *vma)
{
#ifndef CONFIG_MMU
	return -ENOSYS;
#endif
	if (vma->vm_flags & VM_SHARED)
		return shmem_zero_setup(vma);
	vma_set_anonymous(vma);
	return 0;
}

static const struct file_operations zero_fops = {
	.mmap		= zero_mmap,
};
