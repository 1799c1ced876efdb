// SPDX-License-Identifier: GPL-2.0
#include <media/videobuf2-core.h>

static int vb2_dc_mmap(void *buf_priv, struct vm_area_struct *vma)
{
	return remap_pfn_range(vma, vma->vm_start, 0,
			       vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

const struct vb2_mem_ops vb2_dma_contig_memops = {
	.mmap = vb2_dc_mmap,
};
