/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H
#include <linux/types.h>

struct file;
struct vm_operations_struct;

typedef struct { unsigned long __vma_flags[1]; } vma_flags_t;

struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	union {
		const vm_flags_t vm_flags;
		vm_flags_t __vm_flags;
		vma_flags_t flags;
	};
	pgprot_t vm_page_prot;
	unsigned long vm_pgoff;
	struct file *vm_file;
	void *vm_private_data;
	const struct vm_operations_struct *vm_ops;
};

struct mmap_action {
	int type;
	int (*success_hook)(const struct vm_area_struct *vma);
	int (*error_hook)(int err);
};

struct vm_area_desc {
	const unsigned long start;
	const unsigned long end;
	struct file *const file;
	pgoff_t pgoff;
	struct file *vm_file;
	vma_flags_t vma_flags;
	pgprot_t page_prot;
	const struct vm_operations_struct *vm_ops;
	void *private_data;
	struct mmap_action action;
};
#endif
