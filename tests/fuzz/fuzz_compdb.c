// SPDX-License-Identifier: GPL-2.0
/*
 * compile_commands.json as tree/compdb.c reads it: any input must give
 * flags or a clean exit code, and no kept include path may lie outside
 * the tree (an existing one, such as /usr/include, must be dropped).
 */
#include "fuzz.h"
#include "tree/tree.h"

#include <limits.h>
#include <unistd.h>

/* Every path option of @args lies in @tree. */
static void check_confined(const struct strvec *args, const char *tree)
{
	static const char *const opts[] = { "-I", "-isystem", "-iquote",
		"-idirafter", "-include", "-imacros", NULL };

	for (size_t i = 0; i + 1 < args->n; i++)
		for (int k = 0; opts[k]; k++)
			if (!strcmp(args->v[i], opts[k]) &&
			    !access(args->v[i + 1], F_OK) &&
			    !path_inside(args->v[i + 1], tree))
				abort();
}

static void check_entries(struct compdb *db, json_t *root, const char *tree)
{
	json_t *e;
	size_t i;

	json_array_foreach(root, i, e) {
		const char *dir = jstr(e, "directory"), *file = jstr(e, "file");
		char *abs = file[0] == '/' ? xstrdup(file) : path_join(dir, file);
		char buf[PATH_MAX];
		struct strvec args = { 0 };

		if (compdb_flags(db, realpath(abs, buf) ? buf : abs, &args))
			check_confined(&args, tree);
		sv_free(&args);
		free(abs);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tree t;
	char *path;
	struct compdb *volatile db = NULL;
	json_t *root;

	if (!t.kdir) {
		t.kdir = path_join(fuzz_dir(), "tree");
		free(fuzz_file("tree/include/a.h", (const uint8_t *)"", 0));
		free(fuzz_file("tree/a.c", (const uint8_t *)"", 0));
	}
	path = fuzz_file("tree/compile_commands.json", data, size);
	if (!setjmp(fuzz_jump)) {
		db = compdb_open(&t, path, NULL);
		root = json_loadb((const char *)data, size, 0, NULL);
		if (db && json_is_array(root))
			check_entries(db, root, t.kdir);
		json_decref(root);
	}
	compdb_free(db);
	free(t.compdb);
	t.compdb = NULL;
	free(path);
	return 0;
}
