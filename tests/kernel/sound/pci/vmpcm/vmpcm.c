// SPDX-License-Identifier: GPL-2.0
/* A driver on vmalloc buffers: it says so when it sets its buffer up. */
#include <linux/memalloc.h>

static struct snd_dma_buffer vmpcm_buf;

static int vmpcm_mmap(struct file *file, struct vm_area_struct *vma)
{
	return snd_dma_buffer_mmap(&vmpcm_buf, vma);
}

static const struct file_operations vmpcm_fops = {
	.mmap = vmpcm_mmap,
};

void vmpcm_probe(void)
{
	snd_dma_buffer_setup(&vmpcm_buf, SNDRV_DMA_TYPE_VMALLOC);
}
