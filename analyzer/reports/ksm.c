// SPDX-License-Identifier: GPL-2.0
/*
 * What the late KSM path costs a late file_operations entry, as every
 * report says it: the "ksm_impact" of the scan (analysis/annotate.c).
 * Only "lost" and "conditional" cost anything: ksm_compatible() leaves
 * out shared and VM_SPECIAL mappings on either path.  A scan written
 * before the impact was known has none; its late entries are reported as
 * they always were, as warnings.
 */
#include "reports/reports.h"

#include <string.h>

const char *const ksm_impacts[] = {
	"lost", "conditional", "unknown", "none-special", "none-shared-only",
	NULL,
};

static const char *const texts[] = {
	"private mappings lose KSM and VMA merging",
	"private mappings lose KSM on some paths",
	"what that costs KSM is not known",
	"harmless: every path sets VM_SPECIAL, which KSM refuses anyway",
	"harmless: private mappings are refused, and KSM merges only those",
};

const char *ksm_impact_text(const char *impact)
{
	for (int i = 0; ksm_impacts[i]; i++)
		if (impact && !strcmp(impact, ksm_impacts[i]))
			return texts[i];
	return NULL;
}

bool ksm_impact_costs(const char *impact)
{
	return !impact || !*impact || !strcmp(impact, "lost") ||
	       !strcmp(impact, "conditional");
}

bool ksm_loses(json_t *e)
{
	return !strcmp(jstr(e, "ksm_path"), "late") &&
	       *jstr(e, "ksm_impact") && ksm_impact_costs(jstr(e, "ksm_impact"));
}

json_t *report_ksm_counts(json_t *scan)
{
	json_t *out = jnew(json_object()), *e;
	size_t i;

	for (int k = 0; ksm_impacts[k]; k++)
		jset(out, ksm_impacts[k], json_integer(0));
	json_array_foreach(json_object_get(scan, "entries"), i, e) {
		const char *imp = jstr(e, "ksm_impact");

		if (strcmp(jstr(e, "ksm_path"), "late") || !ksm_impact_text(imp))
			continue;
		jset(out, imp, json_integer(jint(out, imp) + 1));
	}
	return out;
}
