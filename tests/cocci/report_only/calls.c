// SPDX-License-Identifier: GPL-2.0
/* One callback per blocking call: nothing is rewritten. */

static int foo_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct foo *f = file->private_data;
	unsigned long addr = vma->vm_start;
	int i, ret;

	for (i = 0; i < f->npages; i++) {
		ret = vm_insert_page(vma, addr, f->pages[i]);
		if (ret)
			return ret;
		addr += PAGE_SIZE;
	}
	return 0;
}

static int bar_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct bar *b = file->private_data;

	return dma_mmap_coherent(b->dev, vma, b->cpu, b->dma, b->size);
}

static int baz_mmap(struct file *file, struct vm_area_struct *vma)
{
	return remap_pfn_range(vma, vma->vm_start + PAGE_SIZE, 42,
			       PAGE_SIZE, vma->vm_page_prot);
}

static const struct file_operations foo_fops = {
	.mmap		= foo_mmap,
};

static const struct file_operations bar_fops = {
	.mmap		= bar_mmap,
};

static const struct file_operations baz_fops = {
	.mmap		= baz_mmap,
};


static int buf_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct buf *b = file->private_data;

	vm_flags_set(vma, VM_DONTEXPAND);
	return remap_vmalloc_range(vma, b->vaddr, vma->vm_pgoff);
}

static int do_iomap(struct iodev *io, struct vm_area_struct *vma)
{
	return vm_iomap_memory(vma, io->phys, io->len);
}

static int io_mmap(struct file *file, struct vm_area_struct *vma)
{
	return do_iomap(file->private_data, vma);
}

static int whole_mmap(struct file *file, struct vm_area_struct *vma)
{
	return remap_pfn_range(vma, vma->vm_start, 42,
			       vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

static const struct file_operations buf_fops = {
	.mmap		= buf_mmap,
};

static const struct file_operations io_fops = {
	.mmap		= io_mmap,
};

static const struct file_operations whole_fops = {
	.mmap		= whole_mmap,
};
