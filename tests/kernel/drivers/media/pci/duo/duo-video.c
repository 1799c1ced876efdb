// SPDX-License-Identifier: GPL-2.0
/* A driver whose queue is set up in another file, duo-core.c. */
#include <media/videobuf2-core.h>

struct vb2_queue duo_queue;

static int duo_mmap(struct file *file, struct vm_area_struct *vma)
{
	return vb2_mmap(&duo_queue, vma);
}

static const struct file_operations duo_fops = {
	.mmap = duo_mmap,
};
