// SPDX-License-Identifier: GPL-2.0-only
/*
 * Demo frame buffer driver: the prologue of a driver file.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#define DRV_NAME	"demofb"

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/fb.h>
#include <linux/platform_device.h>
#include <linux/dma-mapping.h>
#include <asm/io.h>

#include "demofb.h"

#define DEMOFB_NUM_BUFS	2
#undef DEBUG

static int demofb_mmap(struct fb_info *info, struct vm_area_struct *vma);
