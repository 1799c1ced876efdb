// SPDX-License-Identifier: GPL-2.0
/* A driver on the GEM shmem helpers, with no funcs of its own. */
#include <drm/drm_gem.h>

DEFINE_DRM_GEM_FOPS(virt_fops);

static const struct drm_driver virt_driver = {
	.dumb_create = drm_gem_shmem_dumb_create,
	.fops = &virt_fops,
};
