// SPDX-License-Identifier: GPL-2.0
#include <drm/drm_gem.h>

static int bar_gem_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	return remap_pfn_range(vma, vma->vm_start, 0,
			       vma->vm_end - vma->vm_start, vma->vm_page_prot);
}

static const struct drm_gem_object_funcs bar_gem_funcs = {
	.mmap = bar_gem_mmap,
};

DEFINE_DRM_GEM_FOPS(bar_fops);
