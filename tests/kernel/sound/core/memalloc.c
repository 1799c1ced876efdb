// SPDX-License-Identifier: GPL-2.0
/* A kernel-internal ops table, dispatched to from this file only. */
#include <linux/memalloc.h>

struct snd_malloc_ops {
	int (*mmap)(struct snd_dma_buffer *dmab, struct vm_area_struct *area);
};

static int snd_dma_vmalloc_mmap(struct snd_dma_buffer *dmab,
				struct vm_area_struct *area)
{
	return remap_vmalloc_range(area, dmab->area, 0);
}

static int snd_dma_iram_mmap(struct snd_dma_buffer *dmab,
			     struct vm_area_struct *area)
{
	return remap_pfn_range(area, area->vm_start, 0,
			       area->vm_end - area->vm_start, area->vm_page_prot);
}

static const struct snd_malloc_ops snd_dma_vmalloc_ops = {
	.mmap = snd_dma_vmalloc_mmap,
};

static const struct snd_malloc_ops snd_dma_iram_ops = {
	.mmap = snd_dma_iram_mmap,
};

static const struct snd_malloc_ops *snd_dma_ops[] = {
	[SNDRV_DMA_TYPE_VMALLOC] = &snd_dma_vmalloc_ops,
	[SNDRV_DMA_TYPE_DEV_IRAM] = &snd_dma_iram_ops,
};

void snd_dma_buffer_setup(struct snd_dma_buffer *dmab, int type)
{
	dmab->type = type;
}

int snd_dma_buffer_mmap(struct snd_dma_buffer *dmab,
			struct vm_area_struct *area)
{
	const struct snd_malloc_ops *ops = snd_dma_ops[dmab->type];

	return ops->mmap(dmab, area);
}
