// SPDX-License-Identifier: GPL-2.0
/* Probing: the text pass has no reason to pick this file. */
#include <media/videobuf2-core.h>

extern struct vb2_queue duo_queue;

int duo_probe(void)
{
	duo_queue.mem_ops = &vb2_dma_contig_memops;
	return 0;
}
