# SPDX-License-Identifier: GPL-2.0
obj-y := drivers/
obj-y += $(if $(CONFIG_DEMO_BUS),kernel/,)
obj-$(CONFIG_DEMO_OFF) += sound/
# SPDX-License-Identifier: GPL-2.0
subdirs := x link
obj-y += $(addsuffix /,$(subdirs))
obj-$(CONFIG_OTHER) += $(patsubst %,%/,other)
obj-$(if $(filter y m,$(CONFIG_DEMO_CORE)),y) += $(addprefix ./,d.o)
# SPDX-License-Identifier: GPL-2.0
include $(srctree)/drivers/x/up.mk
-include $(src)/missing.mk
REV != git describe --always
GIT_REV := $(shell git rev-parse HEAD)
objs := a.o \
	b.o \
	y/c.o
demo-y := $(filter-out %/c.o,$(objs))
demo-$(CONFIG_DEMO_EXTRA) += $(objs:.o=_extra.o)
obj-$(CONFIG_DEMO) += demo.o
lib-y += $(sort $(notdir $(objs)) $(strip  b.o  ))
ifneq ($(filter y m,$(CONFIG_DEMO)),)
obj-y += $(firstword $(subst .o,.o ,$(objs)))
else ifeq "$(CONFIG_DEMO)" "n"
obj-y += none.o
endif
ifeq ($(and $(CONFIG_DEMO),$(CONFIG_DEMO_EXTRA)),y)
obj-m += both.o
endif
define filechk_demo
	echo "$(shell date)"
	echo $${HOME}
endef
$(obj)/gen.h: $(src)/gen.sh FORCE
	$(call filechk,demo)
	touch $@
export DEMOFLAGS ::= -DDEMO
DEMOOPT ?= $(or $(CONFIG_DEMO_A),$(CONFIG_DEMO_B),default)
$(eval $(call multi-obj,demo))
# SPDX-License-Identifier: GPL-2.0
core-y += arch/x86/
export SUBARCH ?= x86
export KBUILD_CFLAGS += -m64
CONFIG_DEMO=m
CONFIG_DEMO_BUS=y
CONFIG_DEMO_EXTRA=y
CONFIG_DEMO_B="b"
