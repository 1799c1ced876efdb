# SPDX-License-Identifier: GPL-2.0
ccflags-y := -I$(src) -I $(srctree)/drivers/gpu/drm/amd/include -DFOO=1
ccflags-$(CONFIG_X) += -Iinclude/x
subdir-ccflags-y += -I$(srctree)/$(src)/sub \
	-DBAR
CFLAGS_y.o := -I$(obj) -D'Q=1'
inc := $(srctree)/include/uapi
EXTRA_CFLAGS += -I$(inc) $(undefined) $(
obj-$(CONFIG_Y) += y.o
