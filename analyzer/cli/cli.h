/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The commands, one file each; main.c picks one.  A command line whose
 * first word is an option is kbuild running mmprep as its CHECK tool.
 *
 *   scan.c     mmprep scan KDIR, and the options every scan takes
 *   track.c    mmprep track: adoption across revisions
 *   explain.c  mmprep explain FUNCTION: the evidence of its flags
 *   report.c   mmprep report SCAN.json: the reports written again
 *   patches.c  mmprep patches KDIR: semantic-patches/mmprep-patches
 *   check.c    make C=1 CHECK=mmprep
 *   options.c  the options of every command, and "mmprep help"
 */
#ifndef MMPREP_CLI_H
#define MMPREP_CLI_H

#include "scan/scan.h"

#include <getopt.h>
#include <stdio.h>

int cmd_scan(int argc, char **argv);
int cmd_track(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_patches(int argc, char **argv);
int cmd_check(int argc, char **argv);
/* explain.c: the evidence tree of every function @name of @fns (stdout). */
size_t explain_print(json_t *fns, const char *name);

/*
 * options.c: the options of every command in one table.  cli_getopt() is
 * getopt_long() on the options of @cmd (CLI_*); cli_usage() prints
 * "mmprep help" on stdout (@code 0), else a usage line on stderr, and
 * exits with @code; cli_options_help() lists @cmd's options.
 */
#define CLI_SCAN	1u
#define CLI_TRACK	2u
#define CLI_EXPLAIN	4u
int cli_getopt(int argc, char **argv, unsigned int cmd, const char **arg);
void __attribute__((noreturn)) cli_usage(int code);
void cli_options_help(FILE *f, unsigned int cmd);

/* The options of a scan, which track takes too (options.c). */
void scan_opts_init(struct scan_opts *o);
bool scan_option(int c, const char *arg, struct scan_opts *o);
void scan_opts_check(const struct scan_opts *o);

#endif
