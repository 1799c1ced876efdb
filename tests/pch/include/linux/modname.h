/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_MODNAME_H
#define _LINUX_MODNAME_H
#include <linux/mm.h>
/*
 * Inline code that names a per-file define, as pr_debug() does: a PCH
 * is built without the file's own value, and still holds this header.
 */
static inline const char *modname_of(struct vm_area_struct *vma)
{
	return KBUILD_MODNAME;
}
#endif
