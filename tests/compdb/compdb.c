// SPDX-License-Identifier: GPL-2.0
/* Its table exists only with the -D that compile_commands.json gives. */
#include <linux/fs.h>

static int cdb_mmap(struct file *file, struct vm_area_struct *vma)
{
	return 0;
}

#ifdef FROM_COMPDB
static const struct file_operations cdb_fops = {
	.mmap = cdb_mmap,
};
#endif
