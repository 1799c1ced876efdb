// SPDX-License-Identifier: GPL-2.0
/*
 * Stand-in generated headers, for a tree that is not configured and that
 * mmprep could not prepare.  They are written to the cache, never to KDIR:
 *
 *   asm/<x>.h        the wrappers Kbuild generates from mandatory-y and
 *                    generic-y ("#include <asm-generic/x.h>"), and empty
 *                    files for generated-y;
 *   generated/X.h    an autoconf.h with the few options the mm headers
 *                    cannot do without, plus the arch's defconfig, and empty
 *                    or minimal bounds.h, timeconst.h, ...
 *
 * The result parses with errors; libclang's KeepGoing recovers the ops
 * tables all the same, and the files are marked degraded.
 */
#include "tree/tree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char base_config[] =
	"#define CONFIG_MMU 1\n#define CONFIG_64BIT 1\n#define CONFIG_SMP 1\n"
	"#define CONFIG_NR_CPUS 64\n#define CONFIG_HZ 250\n"
	"#define CONFIG_PAGE_SHIFT 12\n#define CONFIG_PGTABLE_LEVELS 4\n"
	"#define CONFIG_NODES_SHIFT 6\n#define CONFIG_LOG_BUF_SHIFT 17\n"
	"#define CONFIG_BASE_SMALL 0\n#define CONFIG_FRAME_WARN 2048\n"
	"#define CONFIG_X86_L1_CACHE_SHIFT 6\n"
	"#define CONFIG_X86_INTERNODE_CACHE_SHIFT 6\n"
	"#define CONFIG_ILLEGAL_POINTER_VALUE 0xdead000000000000\n"
	"#define CONFIG_PHYSICAL_START 0x1000000\n"
	"#define CONFIG_PHYSICAL_ALIGN 0x200000\n"
	"#define CONFIG_DEFAULT_MMAP_MIN_ADDR 4096\n"
	"#define CONFIG_SPARSEMEM 1\n#define CONFIG_SPARSEMEM_VMEMMAP 1\n"
	"#define CONFIG_MODULES 1\n#define CONFIG_PCI 1\n#define CONFIG_NET 1\n"
	"#define CONFIG_BLOCK 1\n#define CONFIG_SHMEM 1\n#define CONFIG_PROC_FS 1\n"
	"#define CONFIG_SYSFS 1\n#define CONFIG_HAS_IOMEM 1\n"
	"#define CONFIG_HAS_DMA 1\n#define CONFIG_PRINTK 1\n#define CONFIG_BUG 1\n";

static const char bounds_h[] =
	"#define NR_PAGEFLAGS 32\n#define MAX_NR_ZONES 5\n"
	"#define NR_CPUS_BITS 6\n#define SPINLOCK_SIZE 4\n"
	"#define LRU_GEN_WIDTH 0\n#define __LRU_REFS_WIDTH 0\n";

static void put(const char *dir, const char *name, const char *text)
{
	char *p = path_below(dir, name);

	if (!p || write_file(p, text, strlen(text)))
		warnx_("cannot write %s/%s", dir, name);
	free(p);
}

/*
 * A header name of a Kbuild line: the tree's own text, so "/home/x" or
 * "../../x.h" must not name a file mmprep writes.
 */
static bool header_name(const char *kbuild, const char *name)
{
	if (path_is_plain(name) && !strchr(name, '/'))
		return true;
	warnx_("%s: ignoring '%s', which is not a header name", kbuild, name);
	return false;
}

/* "CONFIG_FOO=y" lines of the arch's defconfig, as #defines */
static char *defconfig_defines(const struct tree *t)
{
	static const char *const names[] = { "x86_64_defconfig", "defconfig" };
	char *out = xstrdup(base_config), *text = NULL, *line, *save, *n;

	for (size_t i = 0; i < 2 && !text; i++) {
		char *p = xasprintf("%s/arch/%s/configs/%s", t->kdir, t->arch,
				    names[i]);
		text = read_file(p, NULL);
		free(p);
	}
	for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');

		if (!str_starts(line, "CONFIG_") || !eq)
			continue;
		*eq = '\0';
		if (!strcmp(eq + 1, "y") || !strcmp(eq + 1, "m"))
			n = xasprintf("%s#define %s 1\n", out, line);
		else
			n = xasprintf("%s#define %s %s\n", out, line, eq + 1);
		free(out);
		out = n;
	}
	free(text);
	return out;
}

/* Wrappers for every "<kind> += name.h" line of a Kbuild file. */
static void wrap_kbuild(const struct tree *t, const char *kbuild,
			const char *asmdir)
{
	char *path = path_join(t->kdir, kbuild);
	char *text = read_file(path, NULL), *line, *save;

	for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		char name[128], *arch_h, *arch_uh, *body;
		bool generated = str_starts(line, "generated-y");

		if (!generated && !str_starts(line, "mandatory-y") &&
		    !str_starts(line, "generic-y"))
			continue;
		if (sscanf(line, "%*s += %127s", name) != 1 ||
		    !header_name(kbuild, name))
			continue;
		arch_h = xasprintf("%s/arch/%s/include/asm/%s", t->kdir,
				   t->arch, name);
		arch_uh = xasprintf("%s/arch/%s/include/uapi/asm/%s", t->kdir,
				    t->arch, name);
		if (!is_file(arch_h) && !is_file(arch_uh)) {
			body = generated ? xstrdup("") :
				xasprintf("#include <asm-generic/%s>\n", name);
			put(asmdir, name, body);
			free(body);
		}
		free(arch_h);
		free(arch_uh);
	}
	free(text);
	free(path);
}

void shim_write(const struct tree *t)
{
	char *gen = path_join(t->shimdir, "generated");
	char *asmdir = path_join(t->shimdir, "asm");
	char *arch_kbuild = xasprintf("arch/%s/include/asm/Kbuild", t->arch);
	char *arch_ukbuild = xasprintf("arch/%s/include/uapi/asm/Kbuild",
				       t->arch);
	char *config = defconfig_defines(t);
	static const char *const empty[] = {
		"timeconst.h", "utsrelease.h", "asm-offsets.h", "compile.h",
		"rq-offsets.h", "utsversion.h", NULL,
	};

	if (mkdir_p(gen) || mkdir_p(asmdir))
		die(EXIT_OUTPUT, "cannot create %s", t->shimdir);
	put(gen, "autoconf.h", config);
	put(gen, "bounds.h", bounds_h);
	for (int i = 0; empty[i]; i++)
		put(gen, empty[i], "");
	wrap_kbuild(t, "include/asm-generic/Kbuild", asmdir);
	wrap_kbuild(t, "include/uapi/asm-generic/Kbuild", asmdir);
	wrap_kbuild(t, arch_kbuild, asmdir);
	wrap_kbuild(t, arch_ukbuild, asmdir);
	free(config);
	free(arch_kbuild);
	free(arch_ukbuild);
	free(gen);
	free(asmdir);
}
