// SPDX-License-Identifier: GPL-2.0
#include <media/videobuf2-core.h>

static int vb2_vmalloc_mmap(void *buf_priv, struct vm_area_struct *vma)
{
	return remap_vmalloc_range(vma, buf_priv, 0);
}

const struct vb2_mem_ops vb2_vmalloc_memops = {
	.mmap = vb2_vmalloc_mmap,
};
