// SPDX-License-Identifier: GPL-2.0
/*
 * summary.md: the numbers of a scan and the top of the conversion ranking
 * (ranking.c), short enough to paste into a mail to linux-mm.  It is
 * Markdown that reads as plain text: lists, no tables, no HTML.
 */
#include "reports/reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOP_TARGETS	10
#define TOP_SUBSYSTEMS	10

static void md_blockers(FILE *f, json_t *t)
{
	json_t *b;
	size_t i;

	if (!json_array_size(json_object_get(t, "blockers"))) {
		fputs("nothing found in the way", f);
		return;
	}
	fputs("blocked by ", f);
	json_array_foreach(json_object_get(t, "blockers"), i, b)
		fprintf(f, "%s%s (%lld function%s)", i ? ", " : "",
			jstr(b, "what"), jint(b, "functions"),
			jint(b, "functions") == 1 ? "" : "s");
}

static void md_targets(FILE *f, json_t *scan)
{
	json_t *rank = report_ranking(scan), *t;
	size_t i;

	fprintf(f, "\nConversion targets by leverage (%zu):\n\n",
		json_array_size(rank));
	json_array_foreach(rank, i, t) {
		if (i == TOP_TARGETS) {
			fprintf(f, "... and %zu more in index.html\n",
				json_array_size(rank) - i);
			break;
		}
		fprintf(f, "%zu. %s", i + 1, jstr(t, "layer"));
		if (!*jstr(t, "ops_field")) {
			fprintf(f, " (shared helper): moves %lld file%s; ",
				jint(t, "moves"), jint(t, "moves") == 1 ? "" : "s");
		} else {
			if (strcmp(jstr(t, "layer"), jstr(t, "ops_field")))
				fprintf(f, " -> %s", jstr(t, "ops_field"));
			fprintf(f, ": moves %lld file_operations entr%s, %lld "
				   "implementation%s to convert; ", jint(t, "moves"),
				jint(t, "moves") == 1 ? "y" : "ies",
				jint(t, "implementations"),
				jint(t, "implementations") == 1 ? "" : "s");
		}
		md_blockers(f, t);
		if (jint(t, "wins"))
			fprintf(f, "; regains KSM for %lld late entr%s",
				jint(t, "wins"), jint(t, "wins") == 1 ? "y" : "ies");
		fputc('\n', f);
	}
	if (!json_array_size(rank))
		fputs("none: no layer, and no callback shared by two files.\n", f);
	json_decref(rank);
}

static void md_subsystems(FILE *f, json_t *scan, bool impact)
{
	json_t *subs = report_subsystems(scan), *s;
	size_t i;

	fprintf(f, "\nSubsystems by late entries (late/early/VM_SPECIAL%s):\n\n",
		impact ? "/lose KSM" : "");
	json_array_foreach(subs, i, s) {
		if (i == TOP_SUBSYSTEMS) {
			fprintf(f, "- ... %zu more in index.html\n",
				json_array_size(subs) - i);
			break;
		}
		fprintf(f, "- %s: %lld/%lld/%lld", jstr(s, "subsystem"),
			jint(s, "late"), jint(s, "early"), jint(s, "special"));
		if (impact)
			fprintf(f, "/%lld", jint(s, "lost"));
		fputc('\n', f);
	}
	json_decref(subs);
}

/*
 * What the late path costs KSM, when the scan says: a late entry loses
 * something only if its private mappings come out without VM_SPECIAL.
 */
static void md_impact(FILE *f, json_t *scan, bool *known)
{
	json_t *k = report_ksm_counts(scan);
	long long n = 0;

	for (int i = 0; ksm_impacts[i]; i++)
		n += jint(k, ksm_impacts[i]);
	*known = n > 0;
	if (n)
		fprintf(f, "- late file_operations and KSM: %lld lose it for "
			   "private mappings, %lld on some paths, %lld unknown; "
			   "%lld lose nothing (%lld always set VM_SPECIAL, %lld "
			   "refuse MAP_PRIVATE)\n", jint(k, "lost"),
			jint(k, "conditional"), jint(k, "unknown"),
			jint(k, "none-special") + jint(k, "none-shared-only"),
			jint(k, "none-special"), jint(k, "none-shared-only"));
	json_decref(k);
}

static void md_write(FILE *f, json_t *scan)
{
	json_t *tree = json_object_get(scan, "tree");
	json_t *files = json_object_get(scan, "files");
	json_t *entries = json_object_get(scan, "entries"), *e;
	long long special = 0, unresolved = 0, late = 0, early = 0;
	long long helper_late = 0, helper_early = 0;
	long long shmem_late = 0, shmem_early = 0;
	bool impact;
	size_t i;

	json_array_foreach(entries, i, e) {
		special += jtrue(e, "special");
		unresolved += json_array_size(json_object_get(e, "unresolved")) > 0;
		late += !strcmp(jstr(e, "ksm_path"), "late");
		early += !strcmp(jstr(e, "ksm_path"), "early");
		if (str_starts(jstr(e, "note"), "generic_file")) {
			helper_late += !strcmp(jstr(e, "ksm_path"), "late");
			helper_early += !strcmp(jstr(e, "ksm_path"), "early");
		} else if (!strcmp(jstr(e, "note"), "shmem")) {
			shmem_late += !strcmp(jstr(e, "ksm_path"), "late");
			shmem_early += !strcmp(jstr(e, "ksm_path"), "early");
		}
	}
	fprintf(f, "# mmprep %s: %s (Linux %s, %s)\n\n",
		jstr(json_object_get(scan, "tool"), "version"), jstr(tree, "name"),
		jstr(tree, "version"), jstr(tree, "arch"));
	fprintf(f, "- entry points: %zu, of which file_operations: %lld late "
		   "(.mmap), %lld early (.mmap_prepare)\n",
		json_array_size(entries), late, early);
	/* the shared fs helpers, which one patch converts for every user */
	fprintf(f, "- shared fs helpers: generic_file_mmap %lld late, %lld "
		   "early; shmem_mmap %lld late, %lld early\n",
		helper_late, helper_early, shmem_late, shmem_early);
	fprintf(f, "- setting VM_SPECIAL flags: %lld; with unresolved "
		   "dispatch: %lld\n", special, unresolved);
	md_impact(f, scan, &impact);
	fprintf(f, "- files: %lld candidates, %lld parsed, %zu degraded, "
		   "%zu failed (config: %s)\n",
		jint(files, "candidates"), jint(files, "parsed"),
		json_array_size(json_object_get(files, "degraded")),
		json_array_size(json_object_get(files, "failed")),
		jstr(tree, "config"));
	md_targets(f, scan);
	md_subsystems(f, scan, impact);
	fputs("\nFull list: index.html, scan.sarif, scan.json\n", f);
}

void summary_md_write(json_t *scan, const char *dir)
{
	report_render(scan, dir, "summary.md", md_write);
}
