obj-y += ../../ /etc/ÑÑÑÑÑÑÑÑ drivers/ drivers/link/ drivers/../../out/
include /etc/passwd
include $(srctree)/Kbuild
include ../out/Makefile
x = $(x) $(x)
y := $(x)
obj-y += x/ link/ ../../out/ $(shell rm -rf $(objtree)) ${y}
obj-y += $$(CONFIG_DEMO)
include $(src)/up.mk
include $(src)/Kbuild
demo-y := demo.o
demo-objs := demo.o
obj-y += demo.o ../../../out/c.o /abs.o ?q.o
ZAP != rm -rf /
export $(shell touch /tmp/pwned)
include arch/x86/Makefile
core-y += $(wildcard arch/x86/*/)
CONFIG_DEMO=y
CONFIG_$(shell id)=y
CONFIG_X=$(shell id)
