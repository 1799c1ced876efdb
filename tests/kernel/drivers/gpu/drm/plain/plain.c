// SPDX-License-Identifier: GPL-2.0
/* A driver whose GEM funcs have no mmap: drm_gem_mmap maps its objects. */
#include <drm/drm_gem.h>

static void plain_free(struct drm_gem_object *obj)
{
}

static const struct drm_gem_object_funcs plain_funcs = {
	.free = plain_free,
};

void plain_init(struct drm_gem_object *obj)
{
	obj->funcs = &plain_funcs;
}

DEFINE_DRM_GEM_FOPS(plain_fops);
