// SPDX-License-Identifier: GPL-2.0
/* An exporter in a driver of its own. */
#include <linux/dma-buf.h>

static int exporter_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_IO);
	return 0;
}

static const struct dma_buf_ops exporter_ops = {
	.mmap = exporter_mmap,
};

void exporter_export(struct dma_buf_export_info *exp)
{
	exp->ops = &exporter_ops;
}
