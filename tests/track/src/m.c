// SPDX-License-Identifier: GPL-2.0
/* mm/m.c: converted long ago */
#include <linux/fs.h>

static int m_mmap_prepare(struct vm_area_desc *desc)
{
	return 0;
}

const struct file_operations m_fops = {
	.mmap_prepare	= m_mmap_prepare,
};
