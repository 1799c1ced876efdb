// SPDX-License-Identifier: GPL-2.0
/* arm's arch_map_special(): not built when x86 is scanned. */
#include <linux/mm.h>

int arch_map_special(struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_MIXEDMAP);
	return 0;
}
