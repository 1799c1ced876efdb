// SPDX-License-Identifier: GPL-2.0
/* The DRM core's mmap: it dispatches to the driver's GEM object funcs. */
#include <drm/drm_gem.h>

int drm_gem_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct drm_gem_object *obj = filp->private_data;

	if (!obj)
		return -EINVAL;
	return obj->funcs->mmap(obj, vma);
}
