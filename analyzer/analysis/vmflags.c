// SPDX-License-Identifier: GPL-2.0
/*
 * VM_* flag names and the values the tree gives them.
 *
 * Summaries name flags two ways: the VMA_*_BIT enumerators of 7.0 (from
 * which VM_IO and friends are built there), and integer values (older
 * trees, where VM_IO is a plain constant).  Values are decoded with the
 * "#define VM_X 0x..." lines of the scanned tree's include/linux/mm.h, so
 * an arch or release that moves a bit is read correctly.
 */
#include "analysis/analysis.h"

#include <stdlib.h>
#include <string.h>

static struct {
	char *name;
	unsigned long long value;	/* 0 when the tree gives no constant */
} flags[MAX_FLAGS];
static int nflags;

int flag_index(const char *vm_name)
{
	for (int i = 0; i < nflags; i++)
		if (!strcmp(flags[i].name, vm_name))
			return i;
	if (nflags == MAX_FLAGS)
		return -1;
	flags[nflags].name = xstrdup(vm_name);
	flags[nflags].value = 0;
	return nflags++;
}

const char *flag_name(int idx)
{
	return flags[idx].name;
}

static bool one_bit(unsigned long long v)
{
	return v && !(v & (v - 1));
}

/* "#define VM_IO           0x00004000" */
static void load_defines(const char *text)
{
	for (const char *p = text; (p = strstr(p, "#define VM_"));) {
		char name[64];
		unsigned long long v;
		char *end;
		int i;

		p += 8;
		if (sscanf(p, "%63[A-Z0-9_]", name) != 1)
			continue;
		p += strlen(name);
		while (*p == ' ' || *p == '\t')
			p++;
		v = strtoull(p, &end, 0);
		if (end == p || !one_bit(v) || (*end && !strchr(" \t\n/", *end)))
			continue;
		i = flag_index(name);
		if (i >= 0 && !flags[i].value)
			flags[i].value = v;
	}
}

void vmflags_load(const struct tree *t)
{
	static const char *const core[] = { "VM_IO", "VM_PFNMAP",
		"VM_MIXEDMAP", "VM_DONTEXPAND", "VM_DONTDUMP", NULL };
	char *p = path_join(t->kdir, "include/linux/mm.h");
	char *text = read_file(p, NULL);

	/* the flags of interest get the low indices, in a fixed order */
	for (int i = 0; core[i]; i++)
		flag_index(core[i]);
	if (text)
		load_defines(text);
	free(text);
	free(p);
}

static void add_bit_name(flagset *f, const char *bit)
{
	/* VMA_IO_BIT -> VM_IO */
	char *name = xasprintf("VM_%.*s", (int)(strlen(bit) - 8), bit + 4);
	int i = flag_index(name);

	if (i >= 0)
		*f |= 1ULL << i;
	free(name);
}

flagset flags_of_expr(json_t *expr)
{
	json_t *bits = json_object_get(expr, "bits"), *b;
	json_t *val = json_object_get(expr, "value");
	flagset f = 0;
	size_t i;

	json_array_foreach(bits, i, b)
		add_bit_name(&f, json_string_value(b));
	if (f || !json_is_integer(val))
		return f;
	for (int k = 0; k < nflags; k++)
		if (flags[k].value &&
		    ((unsigned long long)json_integer_value(val) & flags[k].value))
			f |= 1ULL << k;
	return f;
}

/* VM_SPECIAL in include/linux/mm.h: the flags ksm_compatible() refuses. */
static const char *const special[] = {
	"VM_IO", "VM_PFNMAP", "VM_MIXEDMAP", "VM_DONTEXPAND", NULL,
};

bool vm_special(const char *name)
{
	for (int i = 0; special[i]; i++)
		if (!strcmp(name, special[i]))
			return true;
	return false;
}

flagset special_mask(void)
{
	flagset f = 0;

	for (int i = 0; special[i]; i++)
		f |= 1ULL << flag_index(special[i]);
	return f;
}

/* Sorted VM_* names of @f. */
json_t *flag_names(flagset f)
{
	struct strvec v = { 0 };
	json_t *out = json_array();

	for (int i = 0; i < nflags; i++)
		if (f & (1ULL << i))
			sv_push(&v, flags[i].name);
	sv_sort_uniq(&v);
	for (size_t i = 0; i < v.n; i++)
		json_array_append_new(out, json_string(v.v[i]));
	sv_free(&v);
	return out;
}
