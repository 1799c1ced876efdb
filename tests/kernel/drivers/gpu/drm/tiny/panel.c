// SPDX-License-Identifier: GPL-2.0
/* A driver on the GEM DMA helpers, with no funcs of its own. */
#include <drm/drm_gem.h>

DEFINE_DRM_GEM_FOPS(panel_fops);

static const struct drm_driver panel_driver = {
	.dumb_create = drm_gem_dma_dumb_create,
	.fops = &panel_fops,
};
