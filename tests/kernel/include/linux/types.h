/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H
#define NULL ((void *)0)
#define EINVAL 22
#define EAGAIN 11
#define ENODEV 19
#define ENOMEM 12
typedef unsigned long size_t;
typedef long ssize_t;
typedef long long loff_t;
typedef unsigned long pgoff_t;
typedef unsigned long vm_flags_t;
typedef struct { unsigned long pgprot; } pgprot_t;
typedef _Bool bool;
#define true 1
#define false 0
struct page;
struct module;
#define THIS_MODULE ((struct module *)0)
#define __init
#define EXPORT_SYMBOL(x)
#endif
