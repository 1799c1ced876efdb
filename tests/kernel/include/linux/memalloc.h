/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_MEMALLOC_H
#define _LINUX_MEMALLOC_H
#include <linux/fs.h>
/* macros, as in include/sound/memalloc.h */
#define SNDRV_DMA_TYPE_UNKNOWN		0
#define SNDRV_DMA_TYPE_VMALLOC		1
#define SNDRV_DMA_TYPE_DEV_IRAM		2
struct snd_dma_buffer {
	int type;
	void *area;
};
/* as snd_pcm_set_managed_buffer(): the buffer type chooses its ops */
void snd_dma_buffer_setup(struct snd_dma_buffer *dmab, int type);
int snd_dma_buffer_mmap(struct snd_dma_buffer *dmab,
			struct vm_area_struct *area);
#endif
