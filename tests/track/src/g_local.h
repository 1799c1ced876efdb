/* SPDX-License-Identifier: GPL-2.0 */
/* drivers/gpu/drm/g_local.h: a driver-local header, only g.c uses it */
#define G_PAGES 16
