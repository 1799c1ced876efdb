obj-y += drivers/
obj-$(CONFIG_DEMO_BUS) += x/
obj-$(CONFIG_DEMO) += demo.o
demo-y := a.o
demo-$(CONFIG_DEMO_B) += b.o
/*
 * Automatically generated file; DO NOT EDIT.
 * Linux/x86 7.0.0 Kernel Configuration
 */
#define CONFIG_DEMO_BUS 1
#define CONFIG_DEMO_MODULE 1
#define CONFIG_DEMO_B 1
#define CONFIG_HZ 250
#define CONFIG_LOCALVERSION ""
