// SPDX-License-Identifier: GPL-2.0
/*
 * Kbuild and Makefile lines, the three ways mmprep reads them: the top
 * Makefile's VERSION lines (tree.c), a directory's ccflags (makeflags.c)
 * and arch/x86/include/asm/Kbuild's header names (shim.c).  The input is
 * all three files at once.  shim.c must write nothing outside its
 * directory: every file of the target's directory is checked after it.
 * No command may run: a seccomp filter makes one a crash.
 */
#include "fuzz.h"
#include "tree/tree.h"

/* Nothing but the tree and the stand-in headers below the directory. */
static const char *const kept[] = { "tree/", "cache/", NULL };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *kdir;
	struct tree t = { 0 };
	struct strvec args = { 0 };
	char *files[3];

	if (!kdir) {
		kdir = path_join(fuzz_dir(), "tree");
		free(fuzz_file("tree/include/linux/mm.h", (const uint8_t *)"", 0));
		free(fuzz_file("tree/include/asm-generic/Kbuild", (const uint8_t *)"", 0));
		free(fuzz_file("tree/arch/x86/configs/x86_64_defconfig",
			       (const uint8_t *)"CONFIG_X=y\n", 11));
		fuzz_no_commands();
	}
	files[0] = fuzz_file("tree/Makefile", data, size);
	files[1] = fuzz_file("tree/drivers/x/Makefile", data, size);
	files[2] = fuzz_file("tree/arch/x86/include/asm/Kbuild", data, size);
	if (!setjmp(fuzz_jump)) {
		tree_open(&t, kdir, "x86");
		makefile_flags(&t, "drivers/x", "y", &args);
		t.shimdir = path_join(fuzz_dir(), "cache/shim");
		shim_write(&t);
		fuzz_check_only(fuzz_dir(), kept);
	}
	sv_free(&args);
	tree_free(&t);
	for (int i = 0; i < 3; i++)
		free(files[i]);
	return 0;
}
