// SPDX-License-Identifier: GPL-2.0
/* Both generic helpers; other members untouched. */

const struct file_operations foo_file_operations = {
	.llseek		= generic_file_llseek,
	.read_iter	= generic_file_read_iter,
	.mmap		= generic_file_mmap,
	.fsync		= noop_fsync,
};

static const struct file_operations bar_fops = {
	.mmap = generic_file_readonly_mmap,
};
