// SPDX-License-Identifier: GPL-2.0
/*
 * The DRM core's mmap: it dispatches to the driver's GEM object funcs, and
 * maps the object itself when they have no mmap (drm_gem_mmap_obj).
 */
#include <drm/drm_gem.h>

int drm_gem_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct drm_gem_object *obj = filp->private_data;
	int ret;

	if (!obj)
		return -EINVAL;
	if (obj->funcs->mmap) {
		ret = obj->funcs->mmap(obj, vma);
		if (ret)
			return ret;
	} else {
		vm_flags_set(vma, VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP);
	}
	return 0;
}
