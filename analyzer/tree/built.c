// SPDX-License-Identifier: GPL-2.0
/*
 * Which .c files the configuration in use builds, read from the tree's
 * Kbuild files the way Kbuild reads them: from the top-level Kbuild down
 * through every "obj-y += dir/" and "obj-m += dir/", with obj-y, obj-m,
 * lib-y and the parts of composite objects (foo-y, foo-objs, foo-m), each
 * evaluated against the configuration's include/config/auto.conf (or
 * include/generated/autoconf.h) in the build directory: O=, the tree's
 * own, or mmprep's scratch build.  The arch Makefile contributes what the
 * top-level Makefile hands to Kbuild (core-y, libs-y, drivers-y and its
 * exported variables such as BITS).
 *
 * Each file is then built "yes", "no" or "unknown", and belongs to the
 * object it is linked into: a composite module (habanalabs.o from
 * common/, gaudi/, goya/, ...), or its own object.  That object is the
 * file's driver, when the analysis asks which tables a driver chose.
 *
 * The states:
 *   yes      listed in an object list that the configuration enables;
 *   no       in a directory that is not built, disabled ("obj-n"), or
 *            simply not listed by a Makefile that was read completely;
 *   unknown  no configuration, or a Makefile that makes its lists in a
 *            way not followed here ($(shell), $(eval), a condition that
 *            cannot be decided).
 *
 * The model lives in struct tree: each scanned tree has its own.
 */
#include "tree/tree.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COMPOSITE 4		/* nesting of composite objects */

struct built {
	json_t *files;		/* "dir/x.c" -> [enum built_state, "module.o"] */
	json_t *modules;	/* "dir/module.o" -> ["dir/x.c", ...] */
	json_t *dirs;		/* "dir" -> [state, complete] */
	json_t *included;	/* "dir" -> {"dir/x.c" included by a built file} */
	struct mk base;		/* configuration and global variables */
	struct strvec queue;	/* directories to read, with... */
	struct strvec qstate;	/* ...their state, as "0".."2" */
};

static int state_of(json_t *map, const char *key, int dflt)
{
	json_t *v = json_object_get(map, key);

	return v ? (int)json_integer_value(json_is_array(v) ?
					   json_array_get(v, 0) : v) : dflt;
}

/* "a/b/../c/" -> "a/c"; NULL when it leaves the tree */
static char *normalize(const char *dir, const char *word)
{
	char *joined = *dir ? xasprintf("%s/%s", dir, word) : xstrdup(word);
	struct strvec parts = { 0 };
	char *save, *p, *out;

	for (p = strtok_r(joined, "/", &save); p; p = strtok_r(NULL, "/", &save)) {
		if (!strcmp(p, "."))
			continue;
		if (strcmp(p, "..")) {
			sv_push(&parts, p);
			continue;
		}
		if (!parts.n) {
			sv_free(&parts);
			free(joined);
			return NULL;
		}
		free(parts.v[--parts.n]);
	}
	out = xstrdup("");
	for (size_t i = 0; i < parts.n; i++) {
		p = xasprintf("%s%s%s", out, i ? "/" : "", parts.v[i]);
		free(out);
		out = p;
	}
	sv_free(&parts);
	free(joined);
	return out;
}

static void set_file(struct built *b, const char *path, int st,
		     const char *module)
{
	json_t *files;

	if (state_of(b->files, path, -1) >= st)
		return;
	jset(b->files, path, json_pack("[i, s]", st, module));
	files = json_object_get(b->modules, module);
	if (!files)
		jset(b->modules, module, files = json_array());
	jpush(files, json_string(path));
}

static void enqueue(struct built *b, const char *dir, int st)
{
	json_t *d = json_object_get(b->dirs, dir);

	if (d && state_of(b->dirs, dir, 0) >= st)
		return;
	if (st == BUILT_NO) {
		/* disabled: remembered unless something builds it */
		if (!d)
			jset(b->dirs, dir, json_pack("[i, b]", BUILT_NO, true));
		return;
	}
	/* queued once for each state it rises to; read_dir() says the rest */
	jset(b->dirs, dir, json_pack("[i, b]", st, false));
	sv_push(&b->queue, dir);
	sv_pushf(&b->qstate, "%d", st);
}

static void add_object(struct built *b, struct mk *m, const char *dir,
		       const char *word, int st, int depth, const char *module);

/* The parts of composite object @name (without ".o"), or false if none. */
static bool composite(struct built *b, struct mk *m, const char *dir,
		      const char *name, int st, int depth, const char *module)
{
	static const char *const suffix[] = { "-objs", "-y", "-m" };
	bool any = false;

	for (int i = 0; i < 3; i++) {
		char *var = xasprintf("%s%s", name, suffix[i]);
		const char *v = mk_get(m, var);
		char *val = v ? mk_expand(m, v) : NULL, *save, *w;

		free(var);
		if (!val)
			continue;
		for (w = strtok_r(val, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
			any = true;
			if (depth < MAX_COMPOSITE)
				add_object(b, m, dir, w, st, depth + 1, module);
		}
		free(val);
	}
	return any;
}

/*
 * Object @word of directory @dir's lists: a subdirectory, a composite
 * object, or a file.  @module is the composite it is part of, if any.
 */
static void add_object(struct built *b, struct mk *m, const char *dir,
		       const char *word, int st, int depth, const char *module)
{
	size_t n;
	char *path, *name, *own = NULL;

	/*
	 * An object costs about what reading 1 KiB does: a composite of
	 * itself, or of ever more parts, ends there.
	 */
	if (!mk_spend(m, 1024 + strlen(word)))
		return;
	if (word[0] == '?') {
		word++;
		if (st > BUILT_UNKNOWN)
			st = BUILT_UNKNOWN;
	}
	n = strlen(word);
	if (!n)
		return;
	/* not followed: what was not understood, and a name not in UTF-8 */
	if (strchr(word, '?') || strchr(word, '$') || !utf8_valid(word)) {
		m->partial = true;
		return;
	}
	if (word[n - 1] == '/') {
		path = normalize(dir, word);
		if (path)
			enqueue(b, path, st);
		free(path);
		return;
	}
	if (!str_ends(word, ".o"))
		return;
	name = xstrndup(word, n - 2);
	if (!module)
		module = own = normalize(dir, word);
	if (module && (depth == MAX_COMPOSITE ||
		       !composite(b, m, dir, name, st, depth, module))) {
		char *c = xasprintf("%s.c", name);

		path = normalize(dir, c);
		if (path)
			set_file(b, path, st, module);
		free(path);
		free(c);
	}
	free(own);
	free(name);
}

static void add_list(struct built *b, struct mk *m, const char *dir,
		     const char *var, int st)
{
	const char *v = mk_get(m, var);
	char *val = v ? mk_expand(m, v) : NULL, *save, *w;

	if (!val)
		return;
	for (w = strtok_r(val, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
		add_object(b, m, dir, w, st, 0, NULL);
	free(val);
}

/* The Kbuild file of @dir: Kbuild when there is one, else Makefile. */
static char *kbuild_file(const struct tree *t, const char *dir)
{
	char *p = xasprintf("%s%s%s/Kbuild", t->kdir, *dir ? "/" : "", dir);

	if (!is_file(p)) {
		free(p);
		p = xasprintf("%s%s%s/Makefile", t->kdir, *dir ? "/" : "", dir);
	}
	return p;
}

static void read_dir(struct built *b, const struct tree *t, const char *dir,
		     int st)
{
	static const char *const on[] = { "obj-y", "obj-m", "lib-y" };
	static const char *const off[] = { "obj-", "obj-n", "lib-", "lib-n" };
	char *file = kbuild_file(t, dir), *src;
	struct mk m;
	bool ok;

	mk_init(&m, t->kdir);
	m.parent = &b->base;
	src = *dir ? xasprintf("%s/%s", t->kdir, dir) : xstrdup(t->kdir);
	mk_set(&m, "src", src);
	mk_set(&m, "obj", *dir ? dir : ".");
	free(src);
	ok = mk_eval_file(&m, file, dir);
	for (int i = 0; ok && i < 3; i++)
		add_list(b, &m, dir, on[i], st);
	/* subdir-y: descended for what it builds on the side */
	add_list(b, &m, dir, "subdir-y", BUILT_UNKNOWN);
	add_list(b, &m, dir, "subdir-m", BUILT_UNKNOWN);
	for (int i = 0; ok && i < 4; i++)
		add_list(b, &m, dir, off[i], BUILT_NO);
	jset(b->dirs, dir, json_pack("[i, b]", st, ok && !m.partial));
	mk_free(&m);
	free(file);
}

static void read_config(struct mk *base, const char *objdir)
{
	char *p = path_join(objdir, "include/config/auto.conf");
	char *text = read_file(p, NULL), *save, *l;
	bool header = false;

	free(p);
	if (!text) {
		/* "#define CONFIG_X 1", "#define CONFIG_X_MODULE 1" */
		p = path_join(objdir, "include/generated/autoconf.h");
		text = read_file(p, NULL);
		free(p);
		header = true;
	}
	for (l = text ? strtok_r(text, "\n", &save) : NULL; l;
	     l = strtok_r(NULL, "\n", &save)) {
		char name[256], val[256] = "";

		if (header ? sscanf(l, "#define %255s %255s", name, val) < 1 :
			     sscanf(l, "%255[A-Za-z0-9_]=%255s", name, val) != 2)
			continue;
		if (!str_starts(name, "CONFIG_"))
			continue;
		if (header && str_ends(name, "_MODULE") && !strcmp(val, "1")) {
			name[strlen(name) - 7] = '\0';
			mk_set(base, name, "m");
		} else if (!header || !mk_get(base, name)) {
			mk_set(base, name, header && !strcmp(val, "1") ? "y" : val);
		}
	}
	free(text);
}

/*
 * What the top-level Makefile hands to Kbuild: ARCH_CORE, ARCH_LIB and
 * ARCH_DRIVERS from the arch Makefile's core-y, libs-y and drivers-y, and
 * the variables it exports.
 */
static void read_arch(struct mk *base, const struct tree *t)
{
	char *p = xasprintf("%s/arch/%s/Makefile", t->kdir, t->arch);
	char *dir = xasprintf("arch/%s", t->arch);
	const char *k;
	json_t *v;
	struct mk a;
	char *x;

	mk_init(&a, t->kdir);
	a.parent = base;
	mk_set(&a, "core-y", "");
	mk_set(&a, "drivers-y", "");
	mk_set(&a, "libs-y", "lib/");	/* the top-level Makefile's */
	mk_eval_file(&a, p, dir);
	x = mk_expand(&a, "$(core-y)");
	mk_set(base, "ARCH_CORE", x);
	free(x);
	x = mk_expand(&a, "$(filter %/,$(libs-y))");
	mk_set(base, "ARCH_LIB", x);
	free(x);
	x = mk_expand(&a, "$(drivers-y) $(drivers-m)");
	mk_set(base, "ARCH_DRIVERS", x);
	free(x);
	json_object_foreach(a.exported, k, v) {
		const char *val = mk_get(&a, k);

		if (val && !str_starts(k, "KBUILD_")) {
			x = mk_expand(&a, val);
			mk_set(base, k, x);
			free(x);
		}
	}
	mk_free(&a);
	free(dir);
	free(p);
}

void built_load(struct tree *t)
{
	struct built *b;
	char *top = path_join(t->kdir, "Kbuild");
	bool ok = t->objdir && is_file(top);

	free(top);
	if (!ok)
		return;
	b = xcalloc(1, sizeof(*b));
	b->files = json_object();
	b->modules = json_object();
	b->dirs = json_object();
	b->included = json_object();
	mk_init(&b->base, t->kdir);
	read_config(&b->base, t->objdir);
	if (!json_object_size(b->base.vars)) {
		built_free(b);
		return;
	}
	mk_set(&b->base, "SRCARCH", t->arch);
	mk_set(&b->base, "ARCH", t->arch);
	mk_set(&b->base, "srctree", t->kdir);
	mk_set(&b->base, "objtree", t->objdir);
	read_arch(&b->base, t);
	enqueue(b, "", BUILT_YES);
	for (size_t i = 0; i < b->queue.n; i++)
		read_dir(b, t, b->queue.v[i], atoi(b->qstate.v[i]));
	sv_free(&b->queue);
	sv_free(&b->qstate);
	t->built = b;
}

void built_free(struct built *b)
{
	if (!b)
		return;
	json_decref(b->files);
	json_decref(b->modules);
	json_decref(b->dirs);
	json_decref(b->included);
	mk_free(&b->base);
	sv_free(&b->queue);
	sv_free(&b->qstate);
	free(b);
}

static bool other_arch(const struct tree *t, const char *rel)
{
	size_t n = strlen(t->arch);

	return str_starts(rel, "arch/") &&
	       !(!strncmp(rel + 5, t->arch, n) && rel[5 + n] == '/');
}

/*
 * The .c files that the built files of @dir #include (kernel/sched's
 * build_policy.c, selftests): built with their includer.  Read once per
 * directory, when a file of it is asked about.
 */
static json_t *included_by(const struct tree *t, const char *dir)
{
	const struct built *b = t->built;
	json_t *inc = json_object_get(b->included, dir);
	char *abs;
	DIR *d;
	struct dirent *de;

	if (inc)
		return inc;
	inc = json_object();
	jset(b->included, dir, inc);
	abs = path_join(t->kdir, dir);
	d = opendir(abs);
	while (d && (de = readdir(d))) {
		char *rel, *p, *text, *at;

		if (!str_ends(de->d_name, ".c"))
			continue;
		rel = *dir ? xasprintf("%s/%s", dir, de->d_name) : xstrdup(de->d_name);
		if (state_of(b->files, rel, BUILT_NO) == BUILT_NO) {
			free(rel);
			continue;
		}
		p = path_join(t->kdir, rel);
		text = read_file(p, NULL);
		for (at = text; at && (at = strstr(at, "#include \"")); at++) {
			size_t n = strcspn(at + 10, "\"\n");
			char *name = xstrndup(at + 10, n), *path;

			path = str_ends(name, ".c") && utf8_valid(name) ?
			       normalize(dir, name) : NULL;
			if (path)
				jset(inc, path, json_integer(state_of(b->files, rel, 0)));
			free(path);
			free(name);
		}
		free(text);
		free(p);
		free(rel);
	}
	if (d)
		closedir(d);
	free(abs);
	return inc;
}

enum built_state built_file(const struct tree *t, const char *rel)
{
	const struct built *b = t->built;
	char *d;
	int st;

	if (!b)
		return BUILT_UNKNOWN;
	if (!str_ends(rel, ".c"))
		return other_arch(t, rel) ? BUILT_NO : BUILT_UNKNOWN;
	st = state_of(b->files, rel, -1);
	if (st >= 0)
		return st;
	d = path_dir(rel);
	if (*d)
		d[strlen(d) - 1] = '\0';	/* "mm/" -> "mm" */
	if (state_of(b->dirs, d, BUILT_NO) != BUILT_NO) {
		st = state_of(included_by(t, d), rel, -1);
		if (st >= 0) {
			free(d);
			return st;
		}
	}
	/* not listed: the nearest directory that was read decides */
	for (;;) {
		json_t *e = json_object_get(b->dirs, d);
		char *slash;

		if (e) {
			st = json_is_true(json_array_get(e, 1)) ||
			     state_of(b->dirs, d, 0) == BUILT_NO ?
			     BUILT_NO : BUILT_UNKNOWN;
			break;
		}
		if (!*d) {
			st = BUILT_UNKNOWN;
			break;
		}
		slash = strrchr(d, '/');
		if (slash)
			*slash = '\0';
		else
			*d = '\0';
	}
	free(d);
	return st;
}

const char *built_module(const struct tree *t, const char *rel)
{
	json_t *f = t->built ? json_object_get(t->built->files, rel) : NULL;

	return json_string_value(json_array_get(f, 1));
}

/* The files of @module, in no fixed order; NULL when it is not known. */
json_t *built_module_files(const struct tree *t, const char *module)
{
	return t->built ? json_object_get(t->built->modules, module) : NULL;
}

bool built_same_driver(const struct tree *t, const char *a, const char *b)
{
	const char *ma = built_module(t, a), *mb = built_module(t, b);
	char *da, *db;
	bool same;

	if (ma && mb)
		return !strcmp(ma, mb);
	da = path_dir(a);
	db = path_dir(b);
	same = !strcmp(da, db);
	free(da);
	free(db);
	return same;
}

const char *built_name(enum built_state s)
{
	return s == BUILT_YES ? "yes" : s == BUILT_NO ? "no" : "unknown";
}

static size_t common_prefix(const char *a, const char *b)
{
	size_t n = 0;

	while (a[n] && a[n] == b[n])
		n++;
	return n;
}

/* Higher is better: built, then the scanned arch's, then not another's. */
static int rank(const struct tree *t, const char *file)
{
	size_t n = strlen(t->arch);
	int arch = !str_starts(file, "arch/") ? 1 :
		   !strncmp(file + 5, t->arch, n) && file[5 + n] == '/' ? 2 : 0;

	return built_file(t, file) * 3 + arch;
}

long built_pick(const struct tree *t, const char *near,
		const char *const *files, size_t n, bool *guessed)
{
	long best = -1;
	int best_rank = -1;
	size_t best_common = 0, ties = 0;

	for (size_t i = 0; i < n; i++) {
		int r = rank(t, files[i]);
		size_t c = near ? common_prefix(files[i], near) : 0;

		if (best < 0 || r > best_rank ||
		    (r == best_rank && (c > best_common ||
		     (c == best_common && strcmp(files[i], files[best]) < 0)))) {
			best = i;
			best_rank = r;
			best_common = c;
		}
	}
	/* several files of the best rank: the nearest was a guess */
	for (size_t i = 0; i < n; i++)
		if (rank(t, files[i]) == best_rank && strcmp(files[i], files[best]))
			ties++;
	if (guessed)
		*guessed = ties > 0;
	return best;
}
