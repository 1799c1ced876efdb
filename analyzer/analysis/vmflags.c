// SPDX-License-Identifier: GPL-2.0
/*
 * VM_* flag names and the values the tree gives them.
 *
 * Summaries name flags two ways: the VMA_*_BIT enumerators of 7.0 (from
 * which VM_IO and friends are built there), and integer values (older
 * trees, where VM_IO is a plain constant).  Values are decoded with the
 * "#define VM_X 0x..." lines of the scanned tree's include/linux/mm.h, so
 * an arch or release that moves a bit is read correctly.  The table is
 * the graph's (struct graph), so one tree's values never decode another's
 * flags when track scans several in one process.
 */
#include "analysis/analysis.h"

#include <stdlib.h>
#include <string.h>

int flag_index(struct vmflags *vf, const char *vm_name)
{
	for (int i = 0; i < vf->n; i++)
		if (!strcmp(vf->name[i], vm_name))
			return i;
	if (vf->n == MAX_FLAGS)
		return -1;
	vf->name[vf->n] = xstrdup(vm_name);
	vf->value[vf->n] = 0;
	return vf->n++;
}

const char *flag_name(const struct vmflags *vf, int idx)
{
	return vf->name[idx];
}

static bool one_bit(unsigned long long v)
{
	return v && !(v & (v - 1));
}

/* "#define VM_IO           0x00004000" */
static void load_defines(struct vmflags *vf, const char *text)
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
		i = flag_index(vf, name);
		if (i >= 0 && !vf->value[i])
			vf->value[i] = v;
	}
}

/* VM_SPECIAL in include/linux/mm.h: the flags ksm_compatible() refuses. */
static const char *const special[] = {
	"VM_IO", "VM_PFNMAP", "VM_MIXEDMAP", "VM_DONTEXPAND", NULL,
};

void vmflags_load(struct vmflags *vf, const struct tree *t)
{
	static const char *const core[] = { "VM_IO", "VM_PFNMAP",
		"VM_MIXEDMAP", "VM_DONTEXPAND", "VM_DONTDUMP", NULL };
	char *p = path_join(t->kdir, "include/linux/mm.h");
	char *text = read_file(p, NULL);

	/* the flags of interest get the low indices, in a fixed order */
	memset(vf, 0, sizeof(*vf));
	for (int i = 0; core[i]; i++)
		flag_index(vf, core[i]);
	for (int i = 0; special[i]; i++) {
		int b = flag_index(vf, special[i]);

		if (b >= 0)	/* always: core[] gave them low indices */
			vf->special |= 1ULL << b;
	}
	if (text)
		load_defines(vf, text);
	free(text);
	free(p);
}

void vmflags_free(struct vmflags *vf)
{
	for (int i = 0; i < vf->n; i++)
		free(vf->name[i]);
	memset(vf, 0, sizeof(*vf));
}

static void add_bit_name(struct vmflags *vf, flagset *f, const char *bit)
{
	/* VMA_IO_BIT -> VM_IO */
	char *name = xasprintf("VM_%.*s", (int)(strlen(bit) - 8), bit + 4);
	int i = flag_index(vf, name);

	if (i >= 0)
		*f |= 1ULL << i;
	free(name);
}

flagset flags_of_expr(struct vmflags *vf, json_t *expr)
{
	json_t *bits = json_object_get(expr, "bits"), *b;
	json_t *val = json_object_get(expr, "value");
	flagset f = 0;
	size_t i;

	json_array_foreach(bits, i, b)
		add_bit_name(vf, &f, json_string_value(b));
	if (f || !json_is_integer(val))
		return f;
	for (int k = 0; k < vf->n; k++)
		if (vf->value[k] &&
		    ((unsigned long long)json_integer_value(val) & vf->value[k]))
			f |= 1ULL << k;
	return f;
}

bool vm_special(const char *name)
{
	for (int i = 0; special[i]; i++)
		if (!strcmp(name, special[i]))
			return true;
	return false;
}

flagset special_mask(const struct vmflags *vf)
{
	return vf->special;
}

/* Sorted VM_* names of @f. */
json_t *flag_names(const struct vmflags *vf, flagset f)
{
	struct strvec v = { 0 };
	json_t *out = json_array();

	for (int i = 0; i < vf->n; i++)
		if (f & (1ULL << i))
			sv_push(&v, vf->name[i]);
	sv_sort_uniq(&v);
	for (size_t i = 0; i < v.n; i++)
		json_array_append_new(out, json_string(v.v[i]));
	sv_free(&v);
	return out;
}
