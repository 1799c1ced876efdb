# SPDX-License-Identifier: GPL-2.0
#
# The top of the tree: what is linked into the kernel
#
obj-y			+= init/
obj-y			+= kernel/
obj-y			+= mm/
obj-$(CONFIG_NET)	+= net/
obj-y			+= drivers/
obj-y			+= $(ARCH_CORE)
obj-y			+= $(ARCH_LIB)
obj-y			+= $(ARCH_DRIVERS)
# SPDX-License-Identifier: GPL-2.0
#
# Makefile for the demo drivers
#
obj-$(CONFIG_DEMO_BUS)		+= x/
obj-y				+= base/ char/
obj-$(CONFIG_DEMO_GPU)		+= gpu/
obj-n				+= link/
obj-				+= d.o
# SPDX-License-Identifier: GPL-2.0
ccflags-y := -I$(src)/include -DDEMO_VERSION=\"2\"

obj-$(CONFIG_DEMO_CORE)	+= demo.o
demo-y			:= a.o b.o
demo-$(CONFIG_DEMO_DEBUGFS) += debugfs.o

ifeq ($(CONFIG_DEMO_DMA),y)
demo-y			+= dma.o
else
demo-y			+= nodma.o
endif

ifdef CONFIG_DEMO_TRACE
CFLAGS_trace.o		:= -I$(src)
demo-y			+= trace.o
endif

obj-m			+= demo_bar.o
demo_bar-objs		:= bar_main.o y/c.o
subdir-y		+= y
# SPDX-License-Identifier: GPL-2.0
ifeq ($(CONFIG_X86_32),y)
        BITS := 32
        UTS_MACHINE := i386
else
        BITS := 64
        UTS_MACHINE := x86_64
endif
export BITS

core-y += arch/x86/
drivers-$(CONFIG_PCI) += arch/x86/pci/
libs-y  += arch/x86/lib/
#
# Automatically generated file; DO NOT EDIT.
# Linux/x86 7.0.0 Kernel Configuration
#
CONFIG_CC_VERSION_TEXT="gcc (Debian 14.2.0-19) 14.2.0"
CONFIG_CC_IS_GCC=y
CONFIG_64BIT=y
CONFIG_X86_64=y
CONFIG_PCI=y
CONFIG_NET=y
CONFIG_DEMO_BUS=y
CONFIG_DEMO_CORE=m
CONFIG_DEMO_DMA=y
CONFIG_DEMO_DEBUGFS=y
CONFIG_HZ=250
CONFIG_LOCALVERSION=""
