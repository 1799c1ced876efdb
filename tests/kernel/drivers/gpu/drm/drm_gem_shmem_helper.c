// SPDX-License-Identifier: GPL-2.0
/* The GEM shmem helpers, with their own default funcs. */
#include <drm/drm_gem.h>

static int drm_gem_shmem_object_mmap(struct drm_gem_object *obj,
				     struct vm_area_struct *vma)
{
	return vm_insert_page(vma, vma->vm_start, 0);
}

static const struct drm_gem_object_funcs drm_gem_shmem_funcs = {
	.mmap = drm_gem_shmem_object_mmap,
};

static struct drm_gem_object shmem_obj;

int drm_gem_shmem_dumb_create(struct file *file, struct drm_device *dev)
{
	struct drm_gem_object *obj = &shmem_obj;

	if (obj->funcs == NULL)
		obj->funcs = &drm_gem_shmem_funcs;
	return 0;
}
