/* SPDX-License-Identifier: GPL-2.0 */
#include <linux/vmhelp.h>
static inline int local_set(struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_MIXEDMAP);
	return vmhelp_set(vma);
}
