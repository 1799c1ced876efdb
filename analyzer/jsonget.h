/* SPDX-License-Identifier: GPL-2.0 */
/* Reading scan.json: a missing key reads as "" or 0. */
#ifndef MMPREP_JSONGET_H
#define MMPREP_JSONGET_H

#include <jansson.h>

static inline const char *jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static inline long long jint(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

#endif
