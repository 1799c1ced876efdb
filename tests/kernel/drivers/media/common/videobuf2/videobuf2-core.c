// SPDX-License-Identifier: GPL-2.0
/* vb2's mmap: the queue's memory ops, which the driver chose, do the work. */
#include <media/videobuf2-core.h>

int vb2_mmap(struct vb2_queue *q, struct vm_area_struct *vma)
{
	if (!(vma->vm_flags & VM_SHARED))
		return -EINVAL;
	return q->mem_ops->mmap(q->priv, vma);
}
