// SPDX-License-Identifier: GPL-2.0
/*
 * The !CONFIG_MMU variants, which the fixture tree's configuration does
 * not build (mm/Makefile).  This one sets VM_IO, which no real one does,
 * so that a call bound here shows.
 */
#include <linux/mm.h>

int remap_vmalloc_range(struct vm_area_struct *vma, void *addr,
			unsigned long pgoff)
{
	vm_flags_set(vma, VM_IO);
	return 0;
}
