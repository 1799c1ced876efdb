/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_MEMALLOC_H
#define _LINUX_MEMALLOC_H
#include <linux/fs.h>
struct snd_dma_buffer {
	int type;
	void *area;
};
int snd_dma_buffer_mmap(struct snd_dma_buffer *dmab,
			struct vm_area_struct *area);
#endif
