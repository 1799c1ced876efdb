/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_DMA_BUF_H
#define _LINUX_DMA_BUF_H
#include <linux/fs.h>
struct dma_buf;
struct dma_buf_ops {
	int (*mmap)(struct dma_buf *, struct vm_area_struct *vma);
};
struct dma_buf {
	const struct dma_buf_ops *ops;
};
struct dma_buf_export_info {
	const struct dma_buf_ops *ops;
};
int dma_buf_mmap(struct dma_buf *dmabuf, struct vm_area_struct *vma);
#endif
