// SPDX-License-Identifier: GPL-2.0
/*
 * compile_commands.json (scripts/clang-tools/gen_compile_commands.py, or
 * bear): the exact flags Kbuild used for each file of the configured build.
 *
 * Only the flags that shape the preprocessed source are kept (include
 * paths, forced includes, defines, the C dialect), and of the paths only
 * those inside the tree, its build directory or the database's own
 * directory: the database comes with the tree and is no more trusted.  That drops, in one
 * rule, every gcc-only code-generation flag clang would reject
 * (-fconserve-stack, -mrecord-mcount, -fplugin=..., ...) and every flag
 * that would write a file (-Wp,-MMD,...).
 */
#include "tree/tree.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct compdb {
	json_t *byfile;		/* absolute source path -> [args] */
	const char *roots[3];	/* where its paths may point: KDIR, O=, its own directory */
	json_t *inside;		/* path -> whether it lies in a root */
	size_t dropped;		/* paths that did not */
	char *example;		/* the first of them */
};

/* Split a shell command line, honouring quotes and backslashes. */
static void shell_split(const char *s, struct strvec *out)
{
	while (*s) {
		char *w = xmalloc(strlen(s) + 1), *p = w;
		char q = 0;

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s) {
			free(w);
			break;
		}
		for (; *s && (q || (*s != ' ' && *s != '\t')); s++) {
			if (q && *s == q)
				q = 0;
			else if (!q && (*s == '\'' || *s == '"'))
				q = *s;
			else if (*s == '\\' && s[1] && q != '\'')
				*p++ = *++s;
			else
				*p++ = *s;
		}
		*p = '\0';
		sv_take(out, w);
	}
}

static char *abs_in(const char *dir, const char *p)
{
	return p[0] == '/' || !dir ? xstrdup(p) : path_join(dir, p);
}

/*
 * gcc's own header directory (-isystem $(gcc -print-file-name=include)):
 * its stddef.h and stdarg.h are written for gcc, and clang's resource
 * directory, which kbuild_toolchain_flags() adds, stands in for it.
 */
static bool gcc_include_dir(const char *p)
{
	return (strstr(p, "/gcc/") || strstr(p, "/gcc-")) &&
	       (str_ends(p, "/include") || str_ends(p, "/include/"));
}

/* Options whose value may be the next word; those of paths come first. */
static const char *const with_value[] = {
	"-I", "-isystem", "-iquote", "-idirafter", "-include", "-imacros",
	"-D", "-U", NULL,
};
#define PATH_OPTIONS 6

/* Options with a separate value that is dropped with them. */
static const char *const drop_value[] = {
	"-o", "-MF", "-MT", "-MQ", "-x", "-Xassembler", "-Xlinker", NULL,
};

/* Options without a value that change what the parser sees. */
static bool keep_plain(const char *a)
{
	static const char *const exact[] = {
		"-nostdinc", "-fms-extensions", "-fshort-wchar",
		"-funsigned-char", "-fsigned-char", NULL,
	};

	if (str_starts(a, "-std="))
		return true;
	for (int i = 0; exact[i]; i++)
		if (!strcmp(a, exact[i]))
			return true;
	return false;
}

static int option_index(const char *const *list, const char *a, bool prefix)
{
	for (int k = 0; list[k]; k++)
		if (prefix ? str_starts(a, list[k]) : !strcmp(a, list[k]))
			return k;
	return -1;
}

/* One option of with_value[] and its value, as two words. */
static void keep_valued(int k, const char *val, const char *dir,
			struct strvec *out)
{
	char *p;

	if (k >= PATH_OPTIONS) {
		sv_pushf(out, "%s%s", with_value[k], val);
		return;
	}
	p = abs_in(dir, val);
	if (strcmp(with_value[k], "-isystem") || !gcc_include_dir(p)) {
		sv_push(out, with_value[k]);
		sv_push(out, p);
	}
	free(p);
}

void compiler_flags_keep(char *const *argv, size_t argc, const char *dir,
			 struct strvec *out, struct strvec *words)
{
	for (size_t i = 0; i < argc; i++) {
		const char *a = argv[i];
		int k = option_index(with_value, a, true);

		if (a[0] != '-') {
			if (words)
				sv_push(words, a);
		} else if (k >= 0 && a[strlen(with_value[k])]) {
			keep_valued(k, a + strlen(with_value[k]), dir, out);
		} else if (k >= 0 && i + 1 < argc) {
			keep_valued(k, argv[++i], dir, out);
		} else if (option_index(drop_value, a, false) >= 0) {
			i++;
		} else if (keep_plain(a)) {
			sv_push(out, a);
		}
		/* anything else is a gcc code-generation or warning option */
	}
}

static void corrupt(const char *path, const char *why)
{
	die(EXIT_BAD_COMPDB, "%s: corrupt compile_commands.json: %s", path, why);
}

/*
 * Is @p (resolved) below one of the roots?  A compile database comes with
 * the tree, and "-include ~/.ssh/id_rsa" would put the first tokens of
 * the user's file into the diagnostics of a report meant to be mailed.
 */
static bool in_roots(struct compdb *db, const char *p)
{
	json_t *known = json_object_get(db->inside, p);
	bool in = false;

	if (known)
		return json_is_true(known);
	for (int i = 0; i < 3 && !in; i++)
		in = db->roots[i] && path_inside(p, db->roots[i]);
	json_object_set_new(db->inside, p, json_boolean(in));
	if (!in && !db->dropped++)
		db->example = xstrdup(p);
	return in;
}

/* @kept without the path options whose path lies outside the roots. */
static json_t *confined(struct compdb *db, const struct strvec *kept)
{
	json_t *flags = json_array();

	for (size_t i = 0; i < kept->n; i++) {
		bool path = option_index(with_value, kept->v[i], false) >= 0 &&
			    option_index(with_value, kept->v[i], false) <
				    PATH_OPTIONS && i + 1 < kept->n;

		if (path && !in_roots(db, kept->v[i + 1])) {
			i++;
			continue;
		}
		jpush(flags, jtext(kept->v[i]));
	}
	return flags;
}

static void add_command(struct compdb *db, const char *path, json_t *cmd)
{
	const char *dir = json_string_value(json_object_get(cmd, "directory"));
	const char *file = json_string_value(json_object_get(cmd, "file"));
	json_t *args = json_object_get(cmd, "arguments");
	const char *line = json_string_value(json_object_get(cmd, "command"));
	struct strvec argv = { 0 }, kept = { 0 };
	char buf[PATH_MAX], *abs;

	if (!dir || !file || (!json_is_array(args) && !line))
		corrupt(path, "an entry lacks directory, file, or "
			      "command/arguments");
	if (json_is_array(args)) {
		size_t i;
		json_t *a;

		json_array_foreach(args, i, a)
			if (json_is_string(a))
				sv_push(&argv, json_string_value(a));
	} else {
		shell_split(line, &argv);
	}
	abs = abs_in(dir, file);
	if (realpath(abs, buf)) {
		free(abs);
		abs = xstrdup(buf);
	}
	if (argv.n)
		compiler_flags_keep(argv.v + 1, argv.n - 1, dir, &kept, NULL);
	json_object_set_new(db->byfile, abs, confined(db, &kept));
	free(abs);
	sv_free(&argv);
	sv_free(&kept);
}

static struct compdb *compdb_load(const char *path, const char *kdir,
				  const char *objdir)
{
	json_error_t err;
	json_t *root = json_load_file(path, 0, &err);
	struct compdb *db;
	size_t i;
	json_t *cmd;
	char *why, *own = path_dir(path);

	if (!root) {
		free(own);
		if (!is_file(path))
			die(EXIT_UNREADABLE, "%s: cannot read", path);
		why = xasprintf("line %d, column %d: %s", err.line, err.column,
				err.text);
		corrupt(path, why);
	}
	if (!json_is_array(root))
		corrupt(path, "top level is not an array");
	db = xcalloc(1, sizeof(*db));
	db->byfile = json_object();
	db->inside = json_object();
	db->roots[0] = kdir;
	db->roots[1] = objdir;
	db->roots[2] = *own ? own : ".";
	json_array_foreach(root, i, cmd) {
		if (!json_is_object(cmd))
			corrupt(path, "an entry is not an object");
		add_command(db, path, cmd);
	}
	if (db->dropped)
		warnx_("%s: %zu include paths outside the tree, its build "
		       "directory and the database's own were dropped (first: "
		       "%s)", path, db->dropped, db->example);
	json_decref(root);
	free(own);
	json_decref(db->inside);
	free(db->example);
	return db;
}

bool compdb_flags(struct compdb *db, const char *absfile, struct strvec *args)
{
	json_t *a = json_object_get(db->byfile, absfile);
	size_t i;
	json_t *v;

	if (!a)
		return false;
	json_array_foreach(a, i, v)
		sv_push(args, json_string_value(v));
	return true;
}

/*
 * The compile database of a scan: @explicit_path (--compdb), else the one
 * in the O= directory @objdir, else the one in KDIR, else none (NULL).
 */
struct compdb *compdb_open(struct tree *t, const char *explicit_path,
			   const char *objdir)
{
	const char *dirs[] = { objdir, t->kdir };

	if (explicit_path)
		t->compdb = xstrdup(explicit_path);
	for (int i = 0; i < 2 && !t->compdb; i++) {
		char *p = dirs[i] ? path_join(dirs[i], "compile_commands.json") :
				    NULL;

		if (p && is_file(p))
			t->compdb = p;
		else
			free(p);
	}
	return t->compdb ? compdb_load(t->compdb, t->kdir, objdir) : NULL;
}

void compdb_free(struct compdb *db)
{
	if (!db)
		return;
	json_decref(db->byfile);
	free(db);
}
