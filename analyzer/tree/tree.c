// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel tree: is KDIR one, which release, which architecture.
 * Nothing here writes inside KDIR.
 */
#include "tree/tree.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "VERSION = 7" from the top-level Makefile */
static char *makefile_var(const char *mk, const char *var)
{
	size_t n = strlen(var);

	for (const char *p = mk; p && *p; p = strchr(p, '\n')) {
		if (*p == '\n')
			p++;
		if (strncmp(p, var, n))
			continue;
		p += n;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p++ != '=')
			continue;
		while (*p == ' ' || *p == '\t')
			p++;
		return xstrndup(p, strcspn(p, " \t\n#"));
	}
	return NULL;
}

static char *tree_version(const char *kdir)
{
	char *path = path_join(kdir, "Makefile");
	char *mk = read_file(path, NULL);
	char *v = NULL, *p = NULL, *s = NULL, *e = NULL;

	free(path);
	if (!mk)
		return NULL;
	v = makefile_var(mk, "VERSION");
	p = makefile_var(mk, "PATCHLEVEL");
	s = makefile_var(mk, "SUBLEVEL");
	e = makefile_var(mk, "EXTRAVERSION");
	free(mk);
	if (!v || !p || !*v || !*p) {
		free(v), free(p), free(s), free(e);
		return NULL;
	}
	path = xasprintf("%s.%s.%s%s", v, p, s && *s ? s : "0", e ? e : "");
	free(v), free(p), free(s), free(e);
	return path;
}

char *cache_root(void)
{
	const char *x = getenv("MMPREP_CACHE");
	const char *home = getenv("HOME");

	if (x && *x)
		return xstrdup(x);
	x = getenv("XDG_CACHE_HOME");
	if (x && *x)
		return path_join(x, "mmprep");
	return xasprintf("%s/.cache/mmprep", home && *home ? home : "/tmp");
}

/* One cache directory per tree and architecture, keyed by its path. */
static char *tree_cachedir(const struct tree *t)
{
	unsigned long h = 5381;
	char *root = cache_root(), *dir;

	for (const char *p = t->kdir; *p; p++)
		h = h * 33 + (unsigned char)*p;
	dir = xasprintf("%s/trees/%s-%s-%08lx", root, t->name, t->arch,
			h & 0xffffffffUL);
	free(root);
	return dir;
}

void tree_open(struct tree *t, const char *kdir, const char *arch)
{
	char buf[PATH_MAX], *p;

	memset(t, 0, sizeof(*t));
	if (!kdir || !*kdir)
		die(EXIT_NO_KDIR, "no kernel tree given (KDIR=...)");
	if (!is_dir(kdir))
		die(EXIT_NO_KDIR, "%s: no such directory", kdir);
	if (!realpath(kdir, buf))
		die(EXIT_NO_KDIR, "%s: cannot resolve path", kdir);
	t->kdir = xstrdup(buf);
	t->version = tree_version(t->kdir);
	p = path_join(t->kdir, "include/linux/mm.h");
	if (!t->version || !is_file(p))
		die(EXIT_NOT_KERNEL,
		    "%s: not a Linux kernel tree (no top-level Makefile with "
		    "VERSION/PATCHLEVEL, or no include/linux/mm.h)", t->kdir);
	free(p);
	p = strrchr(t->kdir, '/');
	t->name = xstrdup(p && p[1] ? p + 1 : "linux");
	t->arch = xstrdup(arch && *arch ? arch : "x86");
	if (!strcmp(t->arch, "x86_64") || !strcmp(t->arch, "i386"))
		free(t->arch), t->arch = xstrdup("x86");
	p = xasprintf("%s/arch/%s/include", t->kdir, t->arch);
	if (!is_dir(p))
		die(EXIT_USAGE, "ARCH=%s: %s does not exist", t->arch, p);
	free(p);
	t->cachedir = tree_cachedir(t);
}

/* drivers/gpu/drm/x.c -> drivers/gpu; mm/shmem.c -> mm */
char *subsystem_of(const char *file)
{
	const char *a = strchr(file, '/'), *b = a ? strchr(a + 1, '/') : NULL;

	if (!a)
		return xstrdup(".");
	if (!b)
		return xstrndup(file, a - file);
	return xstrndup(file, b - file);
}

void tree_free(struct tree *t)
{
	free(t->kdir);
	free(t->name);
	free(t->version);
	free(t->arch);
	free(t->objdir);
	free(t->shimdir);
	free(t->compdb);
	free(t->cachedir);
	built_free(t->built);
	memset(t, 0, sizeof(*t));
}
