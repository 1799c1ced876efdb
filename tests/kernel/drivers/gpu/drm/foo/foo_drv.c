// SPDX-License-Identifier: GPL-2.0
#include <drm/drm_gem.h>

static int foo_gem_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	return vm_insert_page(vma, vma->vm_start, 0);
}

static const struct drm_gem_object_funcs foo_gem_funcs = {
	.mmap = foo_gem_mmap,
};

DEFINE_DRM_GEM_FOPS(foo_fops);
