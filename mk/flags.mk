# Compiler flags as dependencies: each build directory keeps the command-line text its
# objects were built with in a flags file, rewritten (so its timestamp moves and every
# object depending on it is rebuilt) only when that text changes.
# $(call write_flags_file,<file>,<name of the variable holding the text>), under $(eval).
define write_flags_file
ifneq ($$(strip $$(file <$(1))),$$(strip $$($(2))))
$$(shell mkdir -p $$(dir $(1)))
$$(file >$(1),$$(strip $$($(2))))
endif
endef
