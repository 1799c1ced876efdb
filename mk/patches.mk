# SPDX-License-Identifier: GPL-2.0
# Semantic patches (semantic-patches/, categories.tsv) and the patch
# series they produce.
#
#   make check-cocci     the .cocci tests: tests/cocci/<category>/*.c ->
#                        .res (and .report); real-world mem.c and relay.c
#                        when KDIR_612 and KDIR_70 (or the cache) have them
#   make patches KDIR=<tree> [REPORTS=dir] [ONLY=path] [OUT=dir]
#                [FROM='Name <email>'] [VERIFY=1]
#                        one patch per late .mmap driver of a scan of KDIR
#                        that a semantic patch converts, a cover letter and
#                        with VERIFY=1 apply/compile (on the file's arch)/
#                        sparse/checkpatch status (status.json) on a
#                        hard-link copy of KDIR
KDIR_612 ?=
KDIR_70 ?=
ONLY ?=
OUT ?=
VERIFY ?=
FROM ?=

# VERIFY=1 builds each patch for its file's architecture: clang/lld/llvm
# 19 for those LLVM=1 builds (LLVM=-19), a cross gcc for ARC, which LLVM
# cannot build, for sparc64, which needs LLVM 20, and for arm, whose clang
# flags ("-meabi gnu") sparse cannot read.
DEB_PKGS += clang-19 lld-19 llvm-19 gcc-arc-linux-gnu gcc-sparc64-linux-gnu \
	    gcc-arm-linux-gnueabihf

check-cocci:
	KDIR_612=$(KDIR_612) KDIR_70=$(KDIR_70) tests/run-cocci

PATCHES_FLAGS = $(if $(ONLY),--only $(ONLY)) $(if $(OUT),--out $(OUT)) \
		$(if $(FROM),--from "$(FROM)") \
		$(if $(filter 1,$(VERIFY)),--verify) -j $(J) \
		$(if $(REPORTS),--reports $(REPORTS))
patches: all
	@test -n "$(KDIR)" || { echo "make patches needs KDIR=<kernel tree>"; exit 2; }
	./mmprep patches $(PATCHES_FLAGS) $(KDIR)

.PHONY: check-cocci patches
CHECKS += check-cocci
