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
#endif
