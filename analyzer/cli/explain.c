// SPDX-License-Identifier: GPL-2.0
/*
 * mmprep explain FUNCTION: the tree of evidence behind a function's flags,
 * read from the functions.json a scan wrote.
 *
 *   hpet_mmap (drivers/char/hpet.c:357): VM_DONTDUMP VM_DONTEXPAND ...
 *   `- line 372: vm_iomap_memory (mm/memory.c:3181): VM_DONTDUMP ...
 *      `- line 3211: io_remap_pfn_range (include/linux/mm.h:4170): ...
 */
#include "cli/cli.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 24

static json_t *find(json_t *fns, const char *name, const char *file)
{
	json_t *f;
	size_t i;

	json_array_foreach(fns, i, f)
		if (!strcmp(jstr(f, "name"), name) &&
		    (!file || !strcmp(jstr(f, "file"), file)))
			return f;
	return NULL;
}

static void print_names(json_t *names)
{
	json_t *v;
	size_t i;

	if (!json_array_size(names)) {
		fputs(" no flags", stdout);
		return;
	}
	json_array_foreach(names, i, v)
		printf(" %s", json_string_value(v));
}

static void print_fn(json_t *f, json_t *fns, json_t *seen, int depth);

static void print_edges(json_t *f, json_t *fns, json_t *seen, int depth)
{
	json_t *c, *v, *why = json_object_get(f, "why");
	const char *flag;
	size_t i;

	json_object_foreach(why, flag, v) {
		if (json_is_string(json_object_get(v, "next")))
			continue;
		printf("%*s`- line %lld: %s(%s)\n", depth * 3, "",
		       json_integer_value(json_object_get(v, "at")),
		       jstr(v, "via"), flag);
	}
	json_array_foreach(json_object_get(f, "calls"), i, c) {
		json_t *to = find(fns, jstr(c, "to"), jstr(c, "file"));

		if (!to || !json_array_size(json_object_get(to, "flags")))
			continue;
		printf("%*s`- line %lld%s%s: ", depth * 3, "",
		       json_integer_value(json_object_get(c, "at")),
		       *jstr(c, "field") ? " via " : "", jstr(c, "field"));
		print_fn(to, fns, seen, depth + 1);
	}
	json_array_foreach(json_object_get(f, "unresolved"), i, v)
		printf("%*s`- unresolved dispatch through %s\n", depth * 3, "",
		       json_string_value(v));
}

static void print_fn(json_t *f, json_t *fns, json_t *seen, int depth)
{
	char *key = xasprintf("%s:%s", jstr(f, "name"), jstr(f, "file"));

	printf("%s (%s:%lld):", jstr(f, "name"), jstr(f, "file"),
	       json_integer_value(json_object_get(f, "line")));
	print_names(json_object_get(f, "flags"));
	if (json_is_true(json_object_get(f, "rejects_private")))
		fputs(", refuses private mappings", stdout);
	if (json_is_true(json_object_get(f, "fallback")))
		fputs(" [fallback table]", stdout);
	if (json_object_get(seen, key) || depth > MAX_DEPTH) {
		puts(" (see above)");
		free(key);
		return;
	}
	putchar('\n');
	json_object_set_new(seen, key, json_true());
	print_edges(f, fns, seen, depth);
	free(key);
}

/* reports/<tree>/functions.json when reports/ holds one tree's only. */
static char *only_functions(void)
{
	glob_t g;
	char *path;
	int r = glob("reports/*/functions.json", 0, NULL, &g);

	if (!r && g.gl_pathc == 1) {
		path = xstrdup(g.gl_pathv[0]);
	} else {
		if (!r)
			warnx_("reports/ holds %zu scans: give -r REPORTS",
			       g.gl_pathc);
		path = xstrdup("reports/functions.json");
	}
	globfree(&g);
	return path;
}

size_t explain_print(json_t *fns, const char *name)
{
	json_t *f;
	size_t i, hits = 0;

	json_array_foreach(fns, i, f) {
		json_t *seen;

		if (strcmp(jstr(f, "name"), name))
			continue;
		seen = json_object();
		print_fn(f, fns, seen, 0);
		json_decref(seen);
		hits++;
	}
	return hits;
}

static void usage(int code)
{
	fputs("usage: mmprep explain [-r REPORTS] FUNCTION\n"
	      "Prints the evidence behind FUNCTION's VM_* flags, from\n"
	      "REPORTS/functions.json (default: reports/<only tree>).\n",
	      code ? stderr : stdout);
	exit(code);
}

int cmd_explain(int argc, char **argv)
{
	const char *dir = NULL, *arg;
	json_error_t err;
	json_t *fns;
	size_t hits;
	char *path;
	int c;

	while ((c = cli_getopt(argc, argv, CLI_EXPLAIN, &arg)) != -1) {
		if (c == 'r')
			dir = arg;
		else
			usage(c == 'h' ? EXIT_OK : EXIT_USAGE);
	}
	if (optind != argc - 1)
		usage(EXIT_USAGE);
	path = dir ? path_join(dir, "functions.json") : only_functions();
	fns = json_load_file(path, 0, &err);
	if (!fns)
		die(EXIT_UNREADABLE, "%s: %s (run 'mmprep scan' first, or give "
			"-r REPORTS)", path, err.text);
	hits = explain_print(fns, argv[optind]);
	json_decref(fns);
	free(path);
	if (!hits)
		die(EXIT_NO_FUNCTION, "%s: no summary (it takes no VMA, or it was "
			"not parsed)", argv[optind]);
	return EXIT_OK;
}
