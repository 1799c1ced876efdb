// SPDX-License-Identifier: GPL-2.0
/* A driver on DMA-contiguous buffers, chosen in an initializer. */
#include <media/videobuf2-core.h>

static struct vb2_queue grab_queue = {
	.mem_ops = &vb2_dma_contig_memops,
};

static int grab_mmap(struct file *file, struct vm_area_struct *vma)
{
	return vb2_mmap(&grab_queue, vma);
}

static const struct file_operations grab_fops = {
	.mmap = grab_mmap,
};
