/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __DRM_GEM_H__
#define __DRM_GEM_H__
#include <linux/fs.h>
struct drm_gem_object;
struct drm_gem_object_funcs {
	void (*free)(struct drm_gem_object *obj);
	int (*mmap)(struct drm_gem_object *obj, struct vm_area_struct *vma);
};
struct drm_gem_object {
	const struct drm_gem_object_funcs *funcs;
};
struct drm_device;
struct drm_driver {
	int (*dumb_create)(struct file *file, struct drm_device *dev);
	const struct file_operations *fops;
};
int drm_gem_dma_dumb_create(struct file *file, struct drm_device *dev);
int drm_gem_shmem_dumb_create(struct file *file, struct drm_device *dev);
int drm_open(struct inode *inode, struct file *filp);
int drm_release(struct inode *inode, struct file *filp);
int drm_gem_mmap(struct file *filp, struct vm_area_struct *vma);

#define DRM_GEM_FOPS \
	.owner		= THIS_MODULE,\
	.open		= drm_open,\
	.release	= drm_release,\
	.mmap		= drm_gem_mmap

#define DEFINE_DRM_GEM_FOPS(name) \
	static const struct file_operations name = {\
		DRM_GEM_FOPS,\
	}
#endif
