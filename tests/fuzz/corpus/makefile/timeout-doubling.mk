obj-y += drivers/
obj-y += x/
a := x.o
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
a := $(a) $(a)
b := $(filter $(a),$(a))
obj-y += $(b)
CONFIG_X=y
