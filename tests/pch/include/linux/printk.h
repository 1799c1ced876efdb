/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_PRINTK_H
#define _LINUX_PRINTK_H
#include <linux/mm.h>
/* a default, which a file may set before its #include lines */
#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif
/* a test a precompiled header answers once for all its files */
#ifdef DEBUG
#define pr_vma(vma) vm_flags_set(vma, VM_DONTDUMP)
#else
#define pr_vma(vma) do { } while (0)
#endif
#endif
