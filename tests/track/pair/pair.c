// SPDX-License-Identifier: GPL-2.0
/*
 * One driver in two trees that tell it apart (tests/run-track, "track A B
 * = track B"): tree B's Makefile passes -fms-extensions, its Kbuild the
 * bare module name, and its mm.h swaps the values of VM_IO and VM_PFNMAP.
 * Scanned after tree A in one process, B must still parse clean, name
 * its table pair_fops and find VM_IO.
 */
#include <linux/fs.h>

typedef struct {
	int refs;
} pair_inner_t;

/* an anonymous member of a typedef'd struct: -fms-extensions */
struct pair_dev {
	pair_inner_t;
	int id;
};

static int pair_refs(struct pair_dev *dev)
{
	return dev->refs;
}

static int pair_mmap(struct file *file, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_IO);
	return pair_refs(file->private_data) ? 0 : -1;
}

/* kmod_pair_fops where Kbuild passes -D__KBUILD_MODNAME=kmod_pair */
#define PAIR_CAT2(a, b) a##b
#define PAIR_CAT(a, b) PAIR_CAT2(a, b)

static const struct file_operations PAIR_CAT(__KBUILD_MODNAME, _fops) = {
	.mmap	= pair_mmap,
};
