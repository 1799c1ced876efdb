// SPDX-License-Identifier: GPL-2.0
/*
 * The dma-buf core: a buffer is mapped by whichever driver exported it,
 * through the ops that driver gave when it did.
 */
#include <linux/dma-buf.h>

static int dma_buf_mmap_internal(struct file *file, struct vm_area_struct *vma)
{
	struct dma_buf *dmabuf = file->private_data;

	return dmabuf->ops->mmap(dmabuf, vma);
}

static const struct file_operations dma_buf_fops = {
	.mmap = dma_buf_mmap_internal,
};

int dma_buf_mmap(struct dma_buf *dmabuf, struct vm_area_struct *vma)
{
	if (!dmabuf->ops->mmap)
		return -EINVAL;
	return dmabuf->ops->mmap(dmabuf, vma);
}
