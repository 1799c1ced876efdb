// SPDX-License-Identifier: GPL-2.0
/*
 * mmprep track: its command line.  Each revision is scanned with the scan
 * options given here (cli.h's SCAN_LONGOPTS), by track/track.c.
 */
#include "cli/cli.h"
#include "track/track.h"

#include <stdio.h>
#include <stdlib.h>

static const char track_usage[] =
	"usage: mmprep track [options] --git REPO REV...\n"
	"       mmprep track [options] TREE...\n"
	"       mmprep track --cache-info\n"
	"\n"
	"REV is a revision (v6.12), a range (v6.12..v7.0: both ends and the\n"
	"release tags between them, or every first-parent commit when there\n"
	"are none) or a tag pattern ('v6.1[0-9]').  A revision is exported\n"
	"with git archive into a temporary directory, never checked out.\n"
	"\n";

static void __attribute__((noreturn)) usage(int code)
{
	FILE *f = code ? stderr : stdout;

	fputs(track_usage, f);
	cli_options_help(f, CLI_TRACK);
	exit(code);
}

static void parse_track_opts(int argc, char **argv, struct track_opts *o,
			     bool *cache_info)
{
	const char *arg;
	int c;

	scan_opts_init(&o->scan);
	while ((c = cli_getopt(argc, argv, CLI_TRACK, &arg)) != -1) {
		if (scan_option(c, arg, &o->scan))
			continue;
		switch (c) {
		case 'g':
			o->git = arg;
			break;
		case 'N':
			o->name = arg;
			break;
		case 'r':
			o->reports = arg;
			break;
		case 'k':
			o->keep = true;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'C':
			*cache_info = true;
			break;
		case 'h':
			usage(EXIT_OK);
		default:
			usage(EXIT_USAGE);
		}
	}
	scan_opts_check(&o->scan);
	for (int i = optind; i < argc; i++)
		sv_push(&o->specs, argv[i]);
	if (*cache_info)
		return;
	if (!o->specs.n)
		usage(EXIT_USAGE);
	if (o->git && !is_dir(o->git))
		die(EXIT_NO_KDIR, "%s: no such repository", o->git);
}

int cmd_track(int argc, char **argv)
{
	struct track_opts o = { 0 };
	bool want_info = false;
	json_t *info;

	parse_track_opts(argc, argv, &o, &want_info);
	if (!want_info)
		return track_main(&o);
	info = track_cache_info();
	track_print_cache_info(info);
	json_decref(info);
	return EXIT_OK;
}
