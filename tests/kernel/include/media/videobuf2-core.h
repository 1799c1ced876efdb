/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _MEDIA_VIDEOBUF2_CORE_H
#define _MEDIA_VIDEOBUF2_CORE_H
#include <linux/fs.h>
struct vb2_mem_ops {
	int (*mmap)(void *buf_priv, struct vm_area_struct *vma);
};
struct vb2_queue {
	const struct vb2_mem_ops *mem_ops;
	void *priv;
};
extern const struct vb2_mem_ops vb2_vmalloc_memops;
extern const struct vb2_mem_ops vb2_dma_contig_memops;
int vb2_mmap(struct vb2_queue *q, struct vm_area_struct *vma);
#endif
