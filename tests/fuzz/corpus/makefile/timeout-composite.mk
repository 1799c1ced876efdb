obj-y += drivers/
obj-y += x/
demo-y := demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o demo.o 
obj-y += demo.o
CONFIG_X=y
