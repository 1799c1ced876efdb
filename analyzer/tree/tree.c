// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel tree: is KDIR one, which release, which architecture.
 * Nothing here writes inside KDIR.
 */
#include "tree/tree.h"

#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* The version from the top Makefile; and the flags it and Kbuild pass. */
static char *tree_version(struct tree *t)
{
	char *path = path_join(t->kdir, "Makefile");
	char *mk = read_file(path, NULL), *lib;
	char *v = NULL, *p = NULL, *s = NULL, *e = NULL;

	free(path);
	if (!mk)
		return NULL;
	t->ms_extensions = strstr(mk, "-fms-extensions") != NULL;
	path = path_join(t->kdir, "scripts/Makefile.lib");
	lib = read_file(path, NULL);
	t->kmod_prefix = !lib || strstr(lib, "__KBUILD_MODNAME=kmod_");
	free(lib);
	free(path);
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

/*
 * $MMPREP_CACHE, else the XDG cache, else ~/.cache/mmprep.  Without a
 * home directory, not a shared /tmp/.cache that another user could have
 * made first, but a directory of this user's alone in $TMPDIR.
 */
char *cache_root(void)
{
	const char *x = getenv("MMPREP_CACHE");
	const char *home = getenv("HOME");
	struct passwd *pw;
	char *dir;

	if (x && *x)
		return xstrdup(x);
	x = getenv("XDG_CACHE_HOME");
	if (x && *x)
		return path_join(x, "mmprep");
	if ((!home || !*home) && (pw = getpwuid(geteuid())))
		home = pw->pw_dir;
	if (home && *home && strcmp(home, "/"))
		return xasprintf("%s/.cache/mmprep", home);
	dir = xasprintf("%s/mmprep-cache-%ld", tmp_dir(), (long)geteuid());
	if (private_dir(dir))
		die(EXIT_OUTPUT, "%s: no home directory, and this one is not "
		    "this user's alone: set MMPREP_CACHE", dir);
	return dir;
}

/*
 * One cache directory per tree and architecture, keyed by its path.  The
 * tree's name goes into it with plain characters only: the build
 * directory below it is passed to make (kbuild.c).
 */
static char *tree_cachedir(const struct tree *t)
{
	unsigned long h = 5381;
	char *root = cache_root(), *dir, *name = xstrdup(t->name);

	for (const char *p = t->kdir; *p; p++)
		h = h * 33 + (unsigned char)*p;
	for (char *p = name; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789._+-", *p))
			*p = '_';
	dir = xasprintf("%s/trees/%s-%s-%08lx", root, name, t->arch,
			h & 0xffffffffUL);
	free(name);
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
	t->version = tree_version(t);
	p = path_join(t->kdir, "include/linux/mm.h");
	if (!t->version || !is_file(p)) {
		free(p);
		die(EXIT_NOT_KERNEL,
		    "%s: not a Linux kernel tree (no top-level Makefile with "
		    "VERSION/PATCHLEVEL, or no include/linux/mm.h)", t->kdir);
	}
	free(p);
	p = strrchr(t->kdir, '/');
	t->name = xstrdup(p && p[1] ? p + 1 : "linux");
	t->arch = xstrdup(arch && *arch ? arch : "x86");
	/* a directory name of arch/, passed to make as ARCH= */
	if (t->arch[strspn(t->arch, "abcdefghijklmnopqrstuvwxyz0123456789_")])
		die(EXIT_USAGE, "ARCH=%s: not an architecture name", t->arch);
	if (!strcmp(t->arch, "x86_64") || !strcmp(t->arch, "i386"))
		free(t->arch), t->arch = xstrdup("x86");
	p = xasprintf("%s/arch/%s/include", t->kdir, t->arch);
	if (!is_dir(p))
		die(EXIT_USAGE, "ARCH=%s: %s does not exist", t->arch, p);
	free(p);
	t->cachedir = tree_cachedir(t);
}

/*
 * @path as it will be once created: its longest existing ancestor
 * resolved, the rest (directories still to make, no symlinks among them)
 * appended with "." and ".." applied.
 */
static char *future_path(const char *path)
{
	char *head = path[0] == '/' ? xstrdup(path) : xasprintf("./%s", path);
	char *real, *slash, *out, *save, *c;
	struct strvec rest = { 0 };

	while (!(real = realpath(head, NULL))) {
		slash = strrchr(head, '/');
		if (!slash)
			break;
		sv_push(&rest, slash + 1);
		*slash = '\0';
		if (!*head)
			strcpy(head, "/");
	}
	out = real ? real : xstrdup("/");
	for (size_t i = rest.n; i-- > 0;) {
		for (c = strtok_r(rest.v[i], "/", &save); c;
		     c = strtok_r(NULL, "/", &save)) {
			char *up = strrchr(out, '/'), *n;

			if (!strcmp(c, "..")) {
				up[up == out] = '\0';	/* "/a/b" -> "/a", "/a" -> "/" */
			} else if (strcmp(c, ".")) {
				n = xasprintf("%s%s%s", out,
					      str_ends(out, "/") ? "" : "/", c);
				free(out);
				out = n;
			}
		}
	}
	sv_free(&rest);
	free(head);
	return out;
}

char *tree_output_dir(const char *given, const char *kind, const char *name,
		      const char *const *kdirs, size_t n)
{
	char *dir = given ? xstrdup(given) : xasprintf("%s/%s", kind, name);
	char *where = future_path(dir), *root;

	for (size_t i = 0; i < n; i++) {
		char *k = realpath(kdirs[i], NULL);
		bool inside = k && str_starts(where, k) &&
			      (!where[strlen(k)] || where[strlen(k)] == '/');

		free(k);
		if (!inside)
			continue;
		if (given)
			die(EXIT_USAGE, "%s: inside the tree %s, which mmprep "
			    "never writes", given, kdirs[i]);
		free(dir);
		root = cache_root();
		dir = xasprintf("%s/%s/%s", root, kind, name);
		warnx_("the current directory is inside %s, which mmprep never "
		       "writes: %s go to %s", kdirs[i], kind, dir);
		free(root);
		break;
	}
	free(where);
	return dir;
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
	free(t->prepare_log);
	built_free(t->built);
	memset(t, 0, sizeof(*t));
}
