/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmprep: the map of analyzer/.  Two programs are built from it:
 *
 *   mmprep        the driver: cli/ on top of everything but worker/
 *   mmprep-parse  the parse worker: worker/ and common/, the only part
 *                 linked with libclang
 *
 * A scan runs through the folders in this order; each folder has one
 * header that lists its files:
 *
 *   common/    util, json helpers, the one process helper (proc.c)
 *   tree/      the kernel tree, its build directory and compile flags,
 *              the text pass that picks candidate files
 *   analysis/  summaries combined over the call graph, evidence,
 *              categories (functions.json)
 *   scan/      scan_run(): workers, facts cache, merge, on-demand
 *              helpers, analysis (scan.json)
 *   reports/   scan.txt, index.html, scan.sarif, summary.md from scan.json
 *   track/     several revisions, one scan each (adoption.*)
 *   cli/       main(): one file per command, and kbuild's CHECK= mode
 *   worker/    mmprep-parse: libclang, entry points, function summaries
 *
 * A folder uses only the folders that analyzer/LAYERS allows it, so the
 * dependencies run one way; "make check-layers" enforces it, and that no
 * two files need each other.
 */
#ifndef MMPREP_H
#define MMPREP_H

#define MMPREP_VERSION "0.1.0"

#endif
