// SPDX-License-Identifier: GPL-2.0
/*
 * The Kbuild model of the configuration: tree/built.c reading a tree's
 * Kbuild files against its auto.conf, in make's language as makefile.c
 * and makeexpand.c understand it.  The input, cut at each form feed, is
 * the tree's top Kbuild, drivers/Makefile, drivers/x/Kbuild,
 * arch/x86/Makefile, and the build directory's include/config/auto.conf
 * and include/generated/autoconf.h (a part the input lacks or leaves
 * empty is no file).  Then built_file() and the questions the analysis
 * asks of the model are put for a few paths.
 *
 * Reading a tree writes nothing and runs nothing: every file of the
 * target's directory is checked after it, and a seccomp filter makes any
 * command a crash.  So is a die(), which would lose the whole scan.  The
 * tree also holds two links to a Makefile outside it.
 */
#include "fuzz.h"
#include "tree/tree.h"

#include <limits.h>
#include <unistd.h>

static const char *const parts[] = {
	"tree/Kbuild", "tree/drivers/Makefile", "tree/drivers/x/Kbuild",
	"tree/arch/x86/Makefile", "obj/include/config/auto.conf",
	"obj/include/generated/autoconf.h",
};
#define NPARTS (sizeof(parts) / sizeof(*parts))

/* Written once by the target, besides the parts: nothing else may appear. */
static const char *const fixed[] = {
	"tree/drivers/x/a.c", "tree/drivers/x/b.c", "tree/drivers/link",
	"tree/drivers/x/up.mk", "out/Makefile",
};
#define NFIXED (sizeof(fixed) / sizeof(*fixed))
static const char *kept[NPARTS + NFIXED + 1];

static const char *const asked[] = {
	"drivers/x/a.c", "drivers/x/b.c", "drivers/x/y/c.c", "drivers/d.c",
	"drivers/link/outside.c", "arch/x86/k.c", "arch/arm/k.c", "k.c",
	"kernel/k.c", "include/linux/k.h", "arch/arm/include/k.h",
};
#define NASKED (sizeof(asked) / sizeof(*asked))

static void put(const char *rel, const char *text)
{
	free(fuzz_file(rel, (const uint8_t *)text, strlen(text)));
}

static void make_tree(struct tree *t)
{
	char buf[PATH_MAX], *p;

	put("tree/drivers/x/a.c",
	    "#include \"b.c\"\n#include \"../../../out/c.c\"\n");
	put("tree/drivers/x/b.c", "");
	put("out/Makefile", "obj-y += outside.o\n");
	p = path_join(fuzz_dir(), "tree/drivers/link");
	if (symlink("../../out", p))
		abort();
	free(p);
	p = path_join(fuzz_dir(), "tree/drivers/x/up.mk");
	if (symlink("../../../out/Makefile", p))
		abort();
	free(p);
	p = path_join(fuzz_dir(), "tree");
	if (!realpath(p, buf))
		abort();
	free(p);
	t->kdir = xstrdup(buf);
	t->objdir = path_join(fuzz_dir(), "obj");
	t->arch = xstrdup("x86");
	memcpy(kept, parts, sizeof(parts));
	memcpy(kept + NPARTS, fixed, sizeof(fixed));
	fuzz_no_commands();
}

/* The parts of the input into their files; an empty part removes one. */
static void write_parts(const uint8_t *data, size_t size)
{
	const uint8_t *end = data + size;

	for (size_t i = 0; i < NPARTS; i++) {
		const uint8_t *ff = data < end ? memchr(data, '\f', end - data) : NULL;
		size_t n = ff ? (size_t)(ff - data) : (size_t)(end - data);
		char *p = fuzz_file(parts[i], data, n);

		if (!n && unlink(p))
			abort();
		free(p);
		data = ff ? ff + 1 : end;
	}
}

static void ask(const struct tree *t)
{
	bool guessed;
	long best;

	for (size_t i = 0; i < NASKED; i++) {
		const char *module = built_module(t, asked[i]);

		if (built_file(t, asked[i]) > BUILT_YES)
			abort();
		if (module && !built_module_files(t, module))
			abort();
		built_same_driver(t, asked[i], asked[0]);
	}
	best = built_pick(t, asked[0], asked, NASKED, &guessed);
	if (best < 0 || best >= (long)NASKED)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tree t;

	if (!t.kdir)
		make_tree(&t);
	write_parts(data, size);
	if (setjmp(fuzz_jump))
		abort();	/* a Makefile of the tree ended the scan */
	built_load(&t);
	ask(&t);
	fuzz_check_only(fuzz_dir(), kept);
	built_free(t.built);
	t.built = NULL;
	return 0;
}
