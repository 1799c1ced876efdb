// SPDX-License-Identifier: GPL-2.0
/* An exporter that happens to live next to the dma-buf core. */
#include <linux/dma-buf.h>

static int udmabuf_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	return vm_insert_page(vma, vma->vm_start, 0);
}

static const struct dma_buf_ops udmabuf_ops = {
	.mmap = udmabuf_mmap,
};

void udmabuf_export(struct dma_buf_export_info *exp)
{
	exp->ops = &udmabuf_ops;
}
