// SPDX-License-Identifier: GPL-2.0
/* x86's arch_map_special(): the one the fixture tree builds. */
#include <linux/mm.h>

int arch_map_special(struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_PFNMAP);
	return 0;
}
