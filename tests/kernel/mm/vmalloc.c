// SPDX-License-Identifier: GPL-2.0
#include <linux/mm.h>

int remap_vmalloc_range(struct vm_area_struct *vma, void *addr,
			unsigned long pgoff)
{
	struct page *page = addr;
	int ret;

	ret = vm_insert_page(vma, vma->vm_start, page);
	if (ret)
		return ret;
	vm_flags_set(vma, VM_DONTEXPAND | VM_DONTDUMP);
	return 0;
}
