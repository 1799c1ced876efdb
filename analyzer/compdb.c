// SPDX-License-Identifier: GPL-2.0
/*
 * compile_commands.json (scripts/clang-tools/gen_compile_commands.py, or
 * bear): the exact flags Kbuild used for each file of the configured build.
 *
 * Only the flags that shape the preprocessed source are kept (include
 * paths, forced includes, defines, the C dialect).  That drops, in one
 * rule, every gcc-only code-generation flag clang would reject
 * (-fconserve-stack, -mrecord-mcount, -fplugin=..., ...) and every flag
 * that would write a file (-Wp,-MMD,...).
 */
#include "mmprep.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct compdb {
	json_t *byfile;		/* absolute source path -> [args] */
	char *objdir;		/* "directory" of the first command */
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
	return p[0] == '/' ? xstrdup(p) : path_join(dir, p);
}

static bool gcc_include_dir(const char *p)
{
	return strstr(p, "/gcc/") && str_ends(p, "/include");
}

/* Keep the preprocessing flags of @argv, with paths made absolute. */
static json_t *keep_flags(const struct strvec *argv, const char *dir)
{
	static const char *const with_arg[] = { "-I", "-isystem", "-iquote",
						"-include", "-imacros", NULL };
	json_t *out = json_array();

	for (size_t i = 1; i < argv->n; i++) {
		const char *a = argv->v[i];
		bool taken = false;

		for (int k = 0; with_arg[k] && !taken; k++) {
			size_t n = strlen(with_arg[k]);
			const char *val;

			if (strncmp(a, with_arg[k], n))
				continue;
			if (a[n])
				val = a + n;
			else if (i + 1 < argv->n)
				val = argv->v[++i];
			else
				break;
			taken = true;
			char *p = abs_in(dir, val);

			/* gcc's stddef.h etc. give way to clang's own */
			if (strcmp(with_arg[k], "-isystem") || !gcc_include_dir(p)) {
				json_array_append_new(out, json_string(with_arg[k]));
				json_array_append_new(out, json_string(p));
			}
			free(p);
		}
		if (taken)
			continue;
		if ((a[0] == '-' && (a[1] == 'D' || a[1] == 'U')) ||
		    str_starts(a, "-std=") || !strcmp(a, "-nostdinc") ||
		    !strcmp(a, "-fms-extensions") || !strcmp(a, "-funsigned-char") ||
		    !strcmp(a, "-fshort-wchar"))
			json_array_append_new(out, json_string(a));
	}
	return out;
}

static void corrupt(const char *path, const char *why)
{
	die(EXIT_BAD_COMPDB, "%s: corrupt compile_commands.json: %s", path, why);
}

static void add_command(struct compdb *db, const char *path, json_t *cmd)
{
	const char *dir = json_string_value(json_object_get(cmd, "directory"));
	const char *file = json_string_value(json_object_get(cmd, "file"));
	json_t *args = json_object_get(cmd, "arguments");
	const char *line = json_string_value(json_object_get(cmd, "command"));
	struct strvec argv = { 0 };
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
	json_object_set_new(db->byfile, abs, keep_flags(&argv, dir));
	if (!db->objdir)
		db->objdir = xstrdup(dir);
	free(abs);
	sv_free(&argv);
}

struct compdb *compdb_load(const char *path, const char *kdir)
{
	json_error_t err;
	json_t *root = json_load_file(path, 0, &err);
	struct compdb *db;
	size_t i;
	json_t *cmd;
	char *why;

	(void)kdir;
	if (!root) {
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
	json_array_foreach(root, i, cmd) {
		if (!json_is_object(cmd))
			corrupt(path, "an entry is not an object");
		add_command(db, path, cmd);
	}
	json_decref(root);
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

const char *compdb_objdir(struct compdb *db)
{
	return db->objdir;
}

void compdb_free(struct compdb *db)
{
	if (!db)
		return;
	json_decref(db->byfile);
	free(db->objdir);
	free(db);
}
