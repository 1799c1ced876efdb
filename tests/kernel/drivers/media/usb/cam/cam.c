// SPDX-License-Identifier: GPL-2.0
/* A driver on vmalloc buffers: it says so where it sets up its queue. */
#include <media/videobuf2-core.h>

static struct vb2_queue cam_queue;

static int cam_mmap(struct file *file, struct vm_area_struct *vma)
{
	return vb2_mmap(&cam_queue, vma);
}

static const struct file_operations cam_fops = {
	.mmap = cam_mmap,
};

int cam_probe(void)
{
	cam_queue.mem_ops = &vb2_vmalloc_memops;
	return 0;
}
