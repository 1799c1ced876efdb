/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DEMO_DEVICE_H
#define _DEMO_DEVICE_H

#include <linux/types.h>
#include <linux/compiler.h>

#ifndef DEMO_MAX_QUEUES
#define DEMO_MAX_QUEUES 16
#endif

#if defined(CONFIG_DEMO_DMA) && IS_ENABLED(CONFIG_HAS_DMA)
#include <linux/dma-mapping.h>
#elif defined(CONFIG_DEMO_PIO) || (DEMO_MAX_QUEUES > 0x10UL)
#include <linux/io.h>
#else
#define demo_map(p)	(p)
#endif

#ifdef __KERNEL__
# include <linux/slab.h>
#endif

#endif /* _DEMO_DEVICE_H */
