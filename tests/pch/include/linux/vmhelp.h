/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_VMHELP_H
#define _LINUX_VMHELP_H
#include <linux/mm.h>
static inline int vmhelp_set(struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_IO);
	return 0;
}
#endif
