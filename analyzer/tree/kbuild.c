// SPDX-License-Identifier: GPL-2.0
/*
 * Kbuild's view of a file: a configured build directory with the generated
 * headers, and the compile flags Kbuild would use.
 *
 * The build directory is, in order of preference:
 *   "O"        the O= directory given by the user;
 *   "tree"     KDIR itself, when it is configured;
 *   "scratch"  a directory in mmprep's cache, configured with
 *              "make O=<cache> allmodconfig prepare" (KDIR stays untouched);
 *              prepare runs while the text pass does, and kbuild_ready()
 *              waits for it;
 *   "none"     stand-in generated headers (shim/ below), when preparing is
 *              impossible or --no-prepare was given.  Files then parse with
 *              errors, and libclang's KeepGoing still yields their tables.
 */
#include "tree/tree.h"
#include "common/proc.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef MMPREP_CLANG_RESOURCE
#define MMPREP_CLANG_RESOURCE "/usr/lib/llvm-19/lib/clang"
#endif

static bool has_autoconf(const char *dir)
{
	char *p = path_join(dir, "include/generated/autoconf.h");
	bool ok = is_file(p);

	free(p);
	return ok;
}

/*
 * make -C KDIR O=DIR ARCH=A [VAR=...] allmodconfig prepare, which writes
 * below DIR only (Kbuild runs a configuration target and a build target
 * given together one after the other).  Started, not waited for: the
 * text pass runs meanwhile.
 */
static pid_t make_start(const struct tree *t, const char *dir,
			const char *log)
{
	char *o = xasprintf("O=%s", dir), *a = xasprintf("ARCH=%s", t->arch);
	char *j = xasprintf("-j%ld", sysconf(_SC_NPROCESSORS_ONLN));
	/*
	 * "prepare" would also build objtool and dtc, host tools that no
	 * generated header needs, and install the uapi headers into usr/
	 * (a thousand unifdef runs), which no parse reads: kernel files are
	 * compiled with -I include/uapi, never usr/include.  A make variable
	 * given on the command line overrides the configuration's, and
	 * autoconf.h comes from .config.
	 */
	char *argv[] = { "make", "-s", "-C", t->kdir, o, a, j,
			 "CONFIG_OBJTOOL=", "CONFIG_DTC=",
			 "CONFIG_HEADERS_INSTALL=", "allmodconfig", "prepare",
			 NULL };
	struct proc p = { .argv = argv, .log = log };
	pid_t pid = proc_start(&p);

	free(o), free(a), free(j);
	return pid;
}

/*
 * make expands $(...) in the O= and ARCH= values it is given, and the
 * tree's Makefile hands its own path to the shell: a name with anything
 * but these characters could run a command.
 */
static bool make_safe(const char *s)
{
	return s[strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			"0123456789/._+,@-")] == '\0';
}

/* A "make prepare" under way: killed when mmprep ends first. */
static pid_t preparing = -1;
static bool stopper;		/* stop_preparing() is registered */

static void stop_preparing(void)
{
	if (preparing > 0) {
		kill(preparing, SIGTERM);
		proc_wait(preparing);
		preparing = -1;
	}
}

/* Starts the scratch build directory's prepare; true when under way. */
static bool prepare_scratch(struct tree *t, bool quiet)
{
	char *dir = path_join(t->cachedir, "build");
	char *stamp = path_join(dir, ".mmprep-prepared");
	char *log = path_join(t->cachedir, "prepare.log");
	bool ok = is_file(stamp) && has_autoconf(dir);

	if (!ok && (!make_safe(t->kdir) || !make_safe(dir))) {
		warnx_("not preparing %s: make would expand characters of its "
		       "path or of %s; parsing with stand-in headers",
		       t->kdir, dir);
	} else if (!ok && !mkdir_p(dir)) {
		if (!quiet)
			fprintf(stderr,
				"mmprep: %s is not configured; preparing %s "
				"(allmodconfig, log in %s)\n",
				t->kdir, dir, log);
		preparing = make_start(t, dir, log);
		ok = preparing > 0;
		if (ok) {
			if (!stopper)
				stopper = !atexit(stop_preparing);
			t->prepare_log = xstrdup(log);
		} else {
			warnx_("preparing %s failed (see %s); parsing with "
			       "stand-in headers", dir, log);
		}
	}
	if (ok)
		t->objdir = dir;
	else
		free(dir);
	free(stamp);
	free(log);
	return ok;
}

static void use_shim(struct tree *t)
{
	t->shimdir = path_join(t->cachedir, "shim");
	shim_write(t);
	t->config = "none";
}

void kbuild_setup(struct tree *t, const char *objdir, bool no_prepare,
		  bool quiet)
{
	if (objdir) {
		if (!has_autoconf(objdir))
			die(EXIT_USAGE, "O=%s: not a configured build directory",
			    objdir);
		t->objdir = xstrdup(objdir);
		t->config = "O";
		t->configured = true;
	} else if (has_autoconf(t->kdir)) {
		t->objdir = xstrdup(t->kdir);
		t->config = "tree";
		t->configured = true;
	} else if (!no_prepare && prepare_scratch(t, quiet)) {
		t->config = "scratch";
	} else {
		use_shim(t);
	}
}

/* Waits for a prepare that kbuild_setup() started. */
void kbuild_ready(struct tree *t)
{
	char *stamp;
	int ret;

	if (!t->prepare_log)
		return;
	ret = preparing > 0 ? proc_wait(preparing) : -1;
	preparing = -1;
	if (!ret && has_autoconf(t->objdir)) {
		stamp = path_join(t->objdir, ".mmprep-prepared");
		write_file(stamp, "", 0);
		free(stamp);
	} else {
		warnx_("preparing %s failed (see %s); parsing with stand-in "
		       "headers", t->objdir, t->prepare_log);
		free(t->objdir);
		t->objdir = NULL;
		use_shim(t);
	}
	free(t->prepare_log);
	t->prepare_log = NULL;
}

static const char *clang_target(const char *arch)
{
	static const char *const map[][2] = {
		{ "x86", "x86_64-linux-gnu" },
		{ "arm64", "aarch64-linux-gnu" },
		{ "arm", "arm-linux-gnueabi" },
		{ "riscv", "riscv64-linux-gnu" },
		{ "powerpc", "powerpc64le-linux-gnu" },
		{ "s390", "s390x-linux-gnu" },
		{ "loongarch", "loongarch64-linux-gnu" },
		{ "mips", "mips64-linux-gnuabi64" },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(map[i][0], arch))
			return map[i][1];
	return NULL;
}

/* clang's own stddef.h/stdarg.h, as Kbuild adds gcc's with -isystem */
static const char *clang_resource_include(void)
{
	static char *path;
	DIR *d;
	struct dirent *de;

	if (path)
		return path;
	d = opendir(MMPREP_CLANG_RESOURCE);
	while (d && (de = readdir(d))) {
		char *p;

		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s/include", MMPREP_CLANG_RESOURCE, de->d_name);
		if (is_dir(p)) {
			path = p;
			break;
		}
		free(p);
	}
	if (d)
		closedir(d);
	return path ? path : MMPREP_CLANG_RESOURCE "/19/include";
}

static void push_if_file(struct strvec *args, const struct tree *t,
			 const char *rel)
{
	char *p = path_join(t->kdir, rel);

	if (is_file(p)) {
		sv_push(args, "-include");
		sv_take(args, p);
	} else {
		free(p);
	}
}

/* What any parse needs, whether the flags come from Kbuild or a compdb. */
void kbuild_toolchain_flags(const struct tree *t, struct strvec *args)
{
	const char *target = clang_target(t->arch);

	if (target)
		sv_pushf(args, "--target=%s", target);
	sv_push(args, "-isystem");
	sv_push(args, clang_resource_include());
	sv_push(args, "-w");
	sv_push(args, "-ferror-limit=0");
	if (!strcmp(t->arch, "x86"))
		sv_push(args, "-DCC_USING_FENTRY");
}

/* The include path and defines every file of the tree gets. */
static void common_flags(const struct tree *t, struct strvec *args)
{
	const char *gen = t->objdir ? t->objdir : t->shimdir;
	const char *k = t->kdir, *a = t->arch;

	kbuild_toolchain_flags(t, args);
	sv_push(args, "-nostdinc");
	if (t->shimdir)
		sv_pushf(args, "-I%s", t->shimdir);
	sv_pushf(args, "-I%s/arch/%s/include", k, a);
	sv_pushf(args, "-I%s/arch/%s/include/generated", gen, a);
	sv_pushf(args, "-I%s/include", k);
	if (strcmp(gen, k))
		sv_pushf(args, "-I%s/include", gen);
	sv_pushf(args, "-I%s/arch/%s/include/uapi", k, a);
	sv_pushf(args, "-I%s/arch/%s/include/generated/uapi", gen, a);
	sv_pushf(args, "-I%s/include/uapi", k);
	sv_pushf(args, "-I%s/include/generated/uapi", gen);
	push_if_file(args, t, "include/linux/compiler-version.h");
	push_if_file(args, t, "include/linux/kconfig.h");
	push_if_file(args, t, "include/linux/compiler_types.h");
	sv_push(args, "-D__KERNEL__");
	sv_push(args, "-std=gnu11");
	if (t->ms_extensions)
		sv_push(args, "-fms-extensions");
}

void kbuild_flags(const struct tree *t, const char *relfile,
		  struct strvec *args)
{
	const char *slash = strrchr(relfile, '/');
	char *dir = slash ? xstrndup(relfile, slash - relfile) : xstrdup(".");
	char *base = xstrdup(slash ? slash + 1 : relfile);

	base[strcspn(base, ".")] = '\0';
	/* name-fix-token: a C token, as Kbuild makes it */
	for (char *c = base; *c; c++)
		if (*c == '-' || *c == ',')
			*c = '_';
	common_flags(t, args);
	makefile_flags(t, dir, base, args);
	sv_pushf(args, "-I%s/%s", t->kdir, dir);
	sv_pushf(args, "-DKBUILD_MODFILE=\"%s/%s\"", dir, base);
	sv_pushf(args, "-DKBUILD_BASENAME=\"%s\"", base);
	sv_pushf(args, "-DKBUILD_MODNAME=\"%s\"", base);
	sv_pushf(args, "-D__KBUILD_MODNAME=%s%s", t->kmod_prefix ? "kmod_" : "",
		 base);
	free(dir);
	free(base);
}
