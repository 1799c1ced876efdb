// SPDX-License-Identifier: GPL-2.0
/*
 * "return vm_iomap_memory(vma, start, len);" (drivers/char/hpet.c, with
 * its #else stub; drivers/misc/open-dice.c): a helper does its checks on
 * the descriptor and mmap_action_ioremap_full(), once, before the
 * definition that uses it.  hwtracing/stm ignores the result (and takes a
 * runtime-PM reference that vm_ops->close drops): blocked.
 */

#ifdef CONFIG_HPET_MMAP
static int hpet_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct hpet_dev *devp;
	unsigned long addr;

	if (!hpet_mmap_enabled)
		return -EACCES;

	devp = file->private_data;
	addr = devp->hd_hpets->hp_hpet_phys;

	if (addr & (PAGE_SIZE - 1))
		return -ENOSYS;

	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	return vm_iomap_memory(vma, addr, PAGE_SIZE);
}
#else
static int hpet_mmap(struct file *file, struct vm_area_struct *vma)
{
	return -ENOSYS;
}
#endif

static int open_dice_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct open_dice_drvdata *drvdata = to_open_dice_drvdata(filp);

	if (vma->vm_flags & VM_MAYSHARE) {
		/* Do not allow userspace to modify the underlying data. */
		if (vma->vm_flags & VM_WRITE)
			return -EPERM;
		/* Ensure userspace cannot acquire VM_WRITE later. */
		vm_flags_clear(vma, VM_MAYWRITE);
	}

	/* Create write-combine mapping so all clients observe a wipe. */
	vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	vm_flags_set(vma, VM_DONTCOPY | VM_DONTDUMP);
	return vm_iomap_memory(vma, drvdata->rmem->base, drvdata->rmem->size);
}

static void stm_mmap_close(struct vm_area_struct *vma)
{
	struct stm_file *stmf = vma->vm_file->private_data;

	pm_runtime_put_autosuspend(&stmf->stm->dev);
}

static const struct vm_operations_struct stm_mmap_vmops = {
	.close	= stm_mmap_close,
};

static int stm_char_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct stm_file *stmf = file->private_data;
	unsigned long size, phys;

	size = vma->vm_end - vma->vm_start;
	phys = stmf->phys;
	pm_runtime_get_sync(&stmf->stm->dev);

	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	vm_flags_set(vma, VM_IO | VM_DONTEXPAND | VM_DONTDUMP);
	vma->vm_ops = &stm_mmap_vmops;
	vm_iomap_memory(vma, phys, size);

	return 0;
}

static const struct file_operations hpet_fops = {
	.open =		hpet_open,
	.mmap = hpet_mmap,
};

static const struct file_operations open_dice_fops = {
	.owner		= THIS_MODULE,
	.mmap		= open_dice_mmap,
};

static const struct file_operations stm_fops = {
	.mmap		= stm_char_mmap,
};
