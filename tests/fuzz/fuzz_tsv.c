// SPDX-License-Identifier: GPL-2.0
/*
 * categories.tsv as analysis/categorize.c reads it: its rows, and each
 * row's "when" condition evaluated on entries of every shape.  The seeds
 * are semantic-patches/categories.tsv and api.tsv, the two tables in the
 * same format (api.tsv's readers are mmprep-patches and its Python).
 */
#include "fuzz.h"
#include "analysis/analysis.h"

static const char *const entries[] = {
	"{}",
	"{\"callback\": \"generic_file_mmap\", \"ksm_path\": \"late\"}",
	"{\"flags\": [\"VM_IO\", \"VM_PFNMAP\"], \"calls\": [\"remap_pfn_range\"],"
	" \"remap\": \"whole\", \"callback_scope\": \"driver\"}",
	"{\"flags\": \"VM_IO\", \"calls\": {}, \"note\": null, \"remap\": 3}",
	NULL,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	json_t *volatile rows = NULL;

	fuzz_dir();
	if (!setjmp(fuzz_jump)) {
		rows = category_table(text);
		for (int i = 0; entries[i]; i++) {
			json_t *e = json_loads(entries[i], 0, NULL);

			category_row(rows, e);
			json_decref(e);
		}
	}
	json_decref(rows);
	free(text);
	return 0;
}
