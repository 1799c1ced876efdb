/* SPDX-License-Identifier: GPL-2.0 */
/*
 * jansson helpers.  Reading scan.json: a missing key reads as "" or 0.
 * Building a document: jansson reports failure (out of memory, a NULL
 * value, a string that is not UTF-8) through its return values; a report
 * with a silently missing piece is worse than none, so every failure ends
 * the run.
 */
#ifndef MMPREP_COMMON_JSON_H
#define MMPREP_COMMON_JSON_H

#include "common/util.h"

#include <jansson.h>
#include <stdlib.h>

static inline const char *jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static inline long long jint(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static inline bool jtrue(json_t *o, const char *key)
{
	return json_is_true(json_object_get(o, key));
}

static inline json_t *jnew(json_t *j)
{
	if (!j)
		die(EXIT_INTERNAL, "out of memory building a report");
	return j;
}

/*
 * A JSON string of text from outside (a file name, a tree's version, a
 * tag): jansson refuses what is not UTF-8, and such a name must still be
 * listed, so its bad bytes become U+FFFD.
 */
static inline json_t *jtext(const char *s)
{
	json_t *j = json_string(s);
	char *fixed;

	if (j || !s)
		return jnew(j);
	fixed = utf8_lossy(s);
	j = json_string(fixed);
	free(fixed);
	return jnew(j);
}

static inline void jset(json_t *o, const char *key, json_t *v)
{
	if (json_object_set_new(o, key, jnew(v)))
		die(EXIT_INTERNAL, "cannot set '%s' in a report", key);
}

static inline void jpush(json_t *a, json_t *v)
{
	if (json_array_append_new(a, jnew(v)))
		die(EXIT_INTERNAL, "cannot append to a report array");
}

#endif
