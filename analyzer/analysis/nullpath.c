// SPDX-License-Identifier: GPL-2.0
/*
 * The fallback of a dispatch:
 *
 *	if (obj->funcs->mmap) {
 *		ret = obj->funcs->mmap(obj, vma);
 *	} else {
 *		vm_flags_set(vma, VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP);
 *	}
 *
 * The else branch (drm_gem_mmap_obj's) runs only for an object whose
 * funcs have no mmap.  The worker marks what it does "unless" the field
 * (worker/summarize.c).  Here those sites become a function of their own,
 * with the dispatcher's name, file and line, which the dispatch reaches as
 * one more target, except for an entry whose driver stored a table that
 * has the hook (dispatch.c): for that driver, the fallback never runs.
 */
#include "analysis/analysis.h"

#include <string.h>

static const char *const site_lists[] = { "sets", "clears", "calls",
					  "dispatch", NULL };

/* The fields that @sum dispatches through. */
static bool dispatches(json_t *sum, const char *field)
{
	json_t *d;
	size_t i;

	json_array_foreach(json_object_get(sum, "dispatch"), i, d)
		if (!strcmp(jstr(d, "field"), field) && !*jstr(d, "unless"))
			return true;
	return false;
}

/* The summary of @sum's fallback for @field: its sites "unless" it. */
static json_t *path_of(json_t *sum, const char *field)
{
	json_t *p = json_pack("{s:O, s:O, s:O, s:b, s:s, s:b, s:b}",
			      "name", json_object_get(sum, "name"),
			      "file", json_object_get(sum, "file"),
			      "line", json_object_get(sum, "line"),
			      "static", true, "fallback_of", field,
			      "rejects_private", false,
			      "rejects_private_always", false);

	for (int k = 0; site_lists[k]; k++) {
		json_t *out = json_array(), *s;
		size_t i;

		json_array_foreach(json_object_get(sum, site_lists[k]), i, s)
			if (!strcmp(jstr(s, "unless"), field))
				json_array_append(out, s);
		json_object_set_new(p, site_lists[k], out);
	}
	return p;
}

json_t *nullpath_split(json_t *sum, json_t **paths)
{
	json_t *own, *s;
	size_t i;

	*paths = NULL;
	for (int k = 0; site_lists[k]; k++) {
		json_array_foreach(json_object_get(sum, site_lists[k]), i, s) {
			const char *field = jstr(s, "unless");

			if (!*field || !dispatches(sum, field) ||
			    json_object_get(*paths ? *paths : NULL, field))
				continue;
			if (!*paths)
				*paths = json_object();
			json_object_set_new(*paths, field, path_of(sum, field));
		}
	}
	if (!*paths)
		return json_incref(sum);
	/* the dispatcher without its fallbacks */
	own = json_copy(sum);
	for (int k = 0; site_lists[k]; k++) {
		json_t *out = json_array();

		json_array_foreach(json_object_get(sum, site_lists[k]), i, s)
			if (!json_object_get(*paths, jstr(s, "unless")))
				json_array_append(out, s);
		json_object_set_new(own, site_lists[k], out);
	}
	return own;
}
