// SPDX-License-Identifier: GPL-2.0
/*
 * scan.sarif: SARIF 2.1.0 for code-scanning tools (GitHub code scanning,
 * VS Code's SARIF viewer, sarif-tools).
 *
 * Paths are relative to the tree, under uriBaseId SRCROOT, so a report
 * made on one machine opens against any checkout.  A result's
 * partialFingerprints hash what identifies the entry point (file, table,
 * field, callback) and not its line, so a finding keeps its identity when
 * unrelated lines above it move.  The evidence chain behind a flag
 * becomes a codeFlow: one threadFlow per flag, one location per call.
 */
#include "reports/reports.h"
#include "mmprep.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#define SARIF_SCHEMA \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

enum rule {
	RULE_LATE,
	RULE_SPECIAL,
	RULE_UNRESOLVED,
	RULE_DEGRADED,
	RULE_FAILED,
};

static const struct {
	const char *id, *name, *level, *brief, *full, *help;
} rules[] = {
	[RULE_LATE] = {
		"mmprep-late-mmap", "LateMmap", "warning",
		"file_operations.mmap forces the late KSM path",
		"The file_operations table sets .mmap: the VMA is handed to the "
		"driver after it is set up, so KSM's merge decision and VMA "
		"flag checks run late.  That costs KSM and VMA merging only for "
		"private mappings that come out without VM_SPECIAL "
		"(properties.ksm_impact \"lost\" or \"conditional\", level "
		"warning); an entry that refuses private mappings or always sets "
		"VM_SPECIAL loses nothing (level note).",
		"Convert the callback to .mmap_prepare, which receives a struct "
		"vm_area_desc before the VMA exists. Flags are set on "
		"desc->vm_flags; remap_pfn_range()/io_remap_pfn_range() become "
		"mmap_action_remap()/mmap_action_ioremap() on desc->action. "
		"Where a semantic patch is named (properties.cocci), run it with "
		"spatch. Shared helpers (generic_file_mmap, drm_gem_mmap, "
		"vb2_fop_mmap) are best converted once, at the helper.",
	},
	[RULE_SPECIAL] = {
		"mmprep-sets-special", "SetsVmSpecial", "note",
		"The mmap callback sets a VM_SPECIAL flag",
		"The callback, directly or through the calls shown in the code "
		"flow, sets VM_IO, VM_PFNMAP, VM_MIXEDMAP or VM_DONTEXPAND. Such "
		"mappings cannot be merged or expanded, and a conversion must "
		"keep the flags.",
		"In .mmap_prepare, set the flags on desc->vm_flags, or let "
		"mmap_action_remap()/mmap_action_ioremap() set them. The code "
		"flow shows, per flag, the chain of calls that sets it.",
	},
	[RULE_UNRESOLVED] = {
		"mmprep-unresolved-dispatch", "UnresolvedDispatch", "note",
		"The mmap callback calls through a function pointer",
		"The callback calls an ops field (listed in "
		"properties.unresolved) whose implementations were not followed, "
		"so the flags it sets may be incomplete.",
		"Check the implementations of the listed ops fields; a layer "
		"(drm_gem_object_funcs.mmap, vb2_mem_ops.mmap, snd_pcm_ops.mmap) "
		"is converted by converting every implementation.",
	},
	[RULE_DEGRADED] = {
		"mmprep-degraded", "ParsedWithErrors", "note",
		"The file was parsed with errors",
		"libclang reported errors in this file (usually a missing "
		"generated header or an unconfigured option); entry points in "
		"it may be missing.",
		"Scan a configured tree (make allmodconfig prepare, or O=) or "
		"give a compile_commands.json with --compdb.",
	},
	[RULE_FAILED] = {
		"mmprep-parse-failed", "ParseFailed", "error",
		"The file could not be parsed",
		"The parse worker crashed, timed out or produced no output for "
		"this file; its entry points are not in the report.",
		"Re-run with a longer --timeout, or scan the file alone with "
		"--only to see the worker's failure.",
	},
};

static json_t *text(const char *s)
{
	return json_pack("{s:s}", "text", s);
}

static json_t *rules_array(void)
{
	json_t *a = jnew(json_array());

	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		json_t *r = jnew(json_object());

		jset(r, "id", json_string(rules[i].id));
		jset(r, "name", json_string(rules[i].name));
		jset(r, "shortDescription", text(rules[i].brief));
		jset(r, "fullDescription", text(rules[i].full));
		jset(r, "help", text(rules[i].help));
		jset(r, "defaultConfiguration",
		     json_pack("{s:s}", "level", rules[i].level));
		jset(r, "properties", json_pack("{s:[s, s]}", "tags", "mm",
						"mmap_prepare"));
		jpush(a, r);
	}
	return a;
}

/* A physical location; line and column only when known (SARIF: >= 1). */
static json_t *location(const char *file, long long line, long long col,
			const char *msg)
{
	json_t *phys = jnew(json_object()), *loc = jnew(json_object());

	jset(phys, "artifactLocation", json_pack("{s:s, s:s}", "uri", file,
						 "uriBaseId", "SRCROOT"));
	if (line > 0) {
		json_t *region = jnew(json_object());

		jset(region, "startLine", json_integer(line));
		if (col > 0)
			jset(region, "startColumn", json_integer(col));
		jset(phys, "region", region);
	}
	jset(loc, "physicalLocation", phys);
	if (msg)
		jset(loc, "message", text(msg));
	return loc;
}

static char *fingerprint(const char *a, const char *b, const char *c,
			 const char *d)
{
	char *key = xasprintf("%s\n%s\n%s\n%s", a, b, c, d);
	XXH64_hash_t h = XXH64(key, strlen(key), 0);

	free(key);
	return xasprintf("%016llx", (unsigned long long)h);
}

static json_t *result(enum rule r, const char *msg, json_t *loc,
		      const char *fp)
{
	json_t *res = jnew(json_object());

	jset(res, "ruleId", json_string(rules[r].id));
	jset(res, "ruleIndex", json_integer(r));
	jset(res, "level", json_string(rules[r].level));
	jset(res, "message", text(msg));
	jset(res, "locations", json_pack("[o]", jnew(loc)));
	jset(res, "partialFingerprints",
	     json_pack("{s:s}", "mmprepEntry/v1", fp));
	return res;
}

/* One threadFlow per flag in the evidence, one location per hop. */
static json_t *code_flows(json_t *e)
{
	json_t *flows = jnew(json_array()), *ev, *hop;
	size_t i, j;

	json_array_foreach(json_object_get(e, "evidence"), i, ev) {
		json_t *locs = jnew(json_array());
		char *msg;

		json_array_foreach(json_object_get(ev, "chain"), j, hop) {
			/* "at": the line inside the function that leads on */
			long long line = jint(hop, "at") ? jint(hop, "at") :
							   jint(hop, "line");
			char *m = xasprintf("%s%s%s%s", jstr(hop, "function"),
					    j ? "" : " (the mmap callback)",
					    *jstr(hop, "via") ? ": sets it with " : "",
					    jstr(hop, "via"));

			if (!*jstr(hop, "file")) {
				free(m);
				continue;
			}
			/* the built-in table is no artifact: a message only */
			jpush(locs, json_pack("{s:o, s:i}", "location",
				report_hop_located(hop) ?
				jnew(location(jstr(hop, "file"), line, 0, m)) :
				json_pack("{s:o}", "message", jnew(text(m))),
				"nestingLevel", (int)j));
			free(m);
		}
		if (!json_array_size(locs)) {
			json_decref(locs);
			continue;
		}
		msg = xasprintf("how %s gets set", jstr(ev, "flag"));
		jpush(flows, json_pack("{s:o, s:[{s:o}]}", "message",
				       jnew(text(msg)), "threadFlows",
				       "locations", locs));
		free(msg);
	}
	return flows;
}

static char *join(json_t *arr)
{
	char *s = xstrdup(""), *t;
	json_t *v;
	size_t i;

	json_array_foreach(arr, i, v) {
		t = xasprintf("%s%s%s", s, i ? ", " : "",
			      json_string_value(v) ? json_string_value(v) : "?");
		free(s);
		s = t;
	}
	return s;
}

/* Facts every result of an entry carries, for filtering in a viewer. */
static json_t *entry_props(json_t *e)
{
	static const char *const keys[] = {
		"id", "ops_type", "subsystem", "ksm_path", "ksm_impact", "flags",
		"special", "conditional", "clears", "rejects_private", "unresolved",
		"category", "cocci", "note", "macro", NULL,
	};
	json_t *p = jnew(json_object());

	for (int i = 0; keys[i]; i++) {
		json_t *v = json_object_get(e, keys[i]);

		if (v && !json_is_null(v))
			jset(p, keys[i], json_incref(v));
	}
	return p;
}

static json_t *entry_result(json_t *results, enum rule r, json_t *e,
			    const char *msg, const char *extra)
{
	/*
	 * Two tables of one name in one file (compound literals) differ only
	 * by the "#2" of their id, which counts tables, not lines.
	 */
	const char *nth = strchr(jstr(e, "id"), '#');
	char *cb = xasprintf("%s%s%s%s", jstr(e, "callback"), nth ? nth : "",
			     extra ? " " : "", extra ? extra : "");
	char *fp = fingerprint(jstr(e, "file"), jstr(e, "ops_name"),
			       jstr(e, "field"), cb);
	json_t *res = result(r, msg, location(jstr(e, "file"), jint(e, "line"),
					      jint(e, "col"), NULL), fp);
	json_t *flows = code_flows(e);

	if (json_array_size(flows))
		jset(res, "codeFlows", flows);
	else
		json_decref(flows);
	/* where the callback is defined: drm_gem_mmap is not in the driver */
	if (*jstr(e, "callback_file")) {
		json_t *rel = location(jstr(e, "callback_file"),
				       jint(e, "callback_line"), 0,
				       jstr(e, "callback"));

		jset(rel, "id", json_integer(1));
		jset(res, "relatedLocations", json_pack("[o]", rel));
	}
	jset(res, "properties", entry_props(e));
	jpush(results, res);
	free(fp);
	free(cb);
	return res;
}

static void entry_results(json_t *results, json_t *e)
{
	char *what = xasprintf("%s.%s = %s", jstr(e, "ops_name"),
			       jstr(e, "field"), jstr(e, "callback"));
	char *msg;
	json_t *v;
	size_t i;

	if (!strcmp(jstr(e, "ksm_path"), "late")) {
		const char *cocci = jstr(e, "cocci");

		const char *impact = ksm_impact_text(jstr(e, "ksm_impact"));
		json_t *res;

		msg = xasprintf("%s forces the late KSM path%s%s%s%s%s", what,
				*jstr(e, "note") ? " (" : "", jstr(e, "note"),
				*jstr(e, "note") ? ")" : "",
				impact ? "; " : "", impact ? impact : "");
		if (*cocci || *jstr(e, "category")) {
			char *t = xasprintf("%s; category %s%s%s", msg,
					    *jstr(e, "category") ?
					    jstr(e, "category") : "?",
					    *cocci ? ", semantic patch " : "",
					    cocci);

			free(msg);
			msg = t;
		}
		res = entry_result(results, RULE_LATE, e, msg, NULL);
		/* as in scan.txt: a warning where it costs KSM something */
		if (!ksm_impact_costs(jstr(e, "ksm_impact")))
			jset(res, "level", json_string("note"));
		free(msg);
	}
	/* as in scan.txt: what KSM refuses matters on the late path only */
	if (strcmp(jstr(e, "ksm_path"), "late")) {
		free(what);
		return;
	}
	if (jtrue(e, "special")) {
		char *flags = join(json_object_get(e, "flags"));

		msg = xasprintf("%s sets %s%s, which KSM refuses", what,
				*flags ? flags : "VM_SPECIAL",
				jtrue(e, "conditional") ? " on some paths" : "");
		entry_result(results, RULE_SPECIAL, e, msg, NULL);
		free(msg);
		free(flags);
	}
	/* one per ops field, as scan.txt has one note per field */
	json_array_foreach(json_object_get(e, "unresolved"), i, v) {
		const char *via = json_string_value(v);

		if (!via)
			continue;
		msg = xasprintf("%s dispatches through %s, which has no "
				"bounded target", what, via);
		entry_result(results, RULE_UNRESOLVED, e, msg, via);
		free(msg);
	}
	free(what);
}

static void file_results(json_t *results, json_t *files)
{
	json_t *f;
	size_t i;

	json_array_foreach(json_object_get(files, "degraded"), i, f) {
		json_t *d = json_array_get(json_object_get(f, "diagnostics"), 0);
		char *fp = fingerprint(jstr(f, "file"), "", "", "degraded");
		char *msg = xasprintf("parsed with %lld errors, results may be "
				      "incomplete; first: %s", jint(f, "errors"),
				      json_string_value(d) ? json_string_value(d) : "?");

		jpush(results, result(RULE_DEGRADED, msg,
				      location(jstr(f, "file"), 0, 0, NULL), fp));
		free(msg);
		free(fp);
	}
	json_array_foreach(json_object_get(files, "failed"), i, f) {
		char *fp = fingerprint(jstr(f, "file"), "", "", "failed");
		char *msg = xasprintf("not parsed: %s", jstr(f, "reason"));

		jpush(results, result(RULE_FAILED, msg,
				      location(jstr(f, "file"), 0, 0, NULL), fp));
		free(msg);
		free(fp);
	}
}

static json_t *sarif_doc(json_t *scan)
{
	json_t *tool = json_object_get(scan, "tool");
	json_t *tree = json_object_get(scan, "tree");
	json_t *results = jnew(json_array()), *run, *e;
	char *root = xasprintf("file://%s/", jstr(tree, "path"));
	size_t i;

	json_array_foreach(json_object_get(scan, "entries"), i, e)
		entry_results(results, e);
	file_results(results, json_object_get(scan, "files"));
	run = jnew(json_object());
	jset(run, "tool", json_pack("{s:{s:s, s:s, s:s, s:o}}", "driver",
		"name", "mmprep", "version", *jstr(tool, "version") ?
		jstr(tool, "version") : MMPREP_VERSION,
		"fullName", "mmprep: mmap entry points of a Linux tree",
		"rules", rules_array()));
	/* A tree path is absolute when it was scanned; without it, none. */
	if (*jstr(tree, "path"))
		jset(run, "originalUriBaseIds", json_pack("{s:{s:s, s:o}}",
			"SRCROOT", "uri", root, "description",
			jnew(text("the root of the kernel tree (KDIR)"))));
	jset(run, "columnKind", json_string("unicodeCodePoints"));
	jset(run, "results", results);
	jset(run, "properties", json_pack("{s:O*}", "tree", tree));
	free(root);
	return json_pack("{s:s, s:s, s:[o]}", "$schema", SARIF_SCHEMA,
			 "version", "2.1.0", "runs", run);
}

void sarif_write(json_t *scan, const char *dir)
{
	json_t *doc = jnew(sarif_doc(scan));
	char *s = json_dumps(doc, JSON_INDENT(1));

	if (!s)
		die(EXIT_INTERNAL, "scan.sarif: cannot serialise");
	report_file(dir, "scan.sarif", s, strlen(s));
	free(s);
	json_decref(doc);
}
