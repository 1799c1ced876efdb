// SPDX-License-Identifier: GPL-2.0
/*
 * The GEM DMA helpers: an object made here gets the helpers' default
 * funcs unless the driver made it with its own.
 */
#include <drm/drm_gem.h>

static int drm_gem_dma_object_mmap(struct drm_gem_object *obj,
				   struct vm_area_struct *vma)
{
	return remap_pfn_range(vma, vma->vm_start, 0,
			       vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

static const struct drm_gem_object_funcs drm_gem_dma_default_funcs = {
	.mmap = drm_gem_dma_object_mmap,
};

static struct drm_gem_object dma_obj;

int drm_gem_dma_dumb_create(struct file *file, struct drm_device *dev)
{
	struct drm_gem_object *obj = &dma_obj;

	if (!obj->funcs)
		obj->funcs = &drm_gem_dma_default_funcs;
	return 0;
}
