// SPDX-License-Identifier: GPL-2.0
/*
 * Writing a report: rendered whole into memory, then written to its file
 * at once (write_file() renames a temporary), so that a reader never sees
 * half of one, and a failure ends the run with EXIT_OUTPUT instead of
 * leaving a report with a piece missing.  Also the one HTML escaper, and
 * whether an evidence hop is a place in the tree.
 */
#include "reports/reports.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void report_file(const char *dir, const char *name, const char *text,
		 size_t len)
{
	char *path = path_join(dir, name);

	if (mkdir_p(dir) || write_file(path, text, len))
		die(EXIT_OUTPUT, "%s: cannot write", path);
	free(path);
}

void report_render(json_t *scan, const char *dir, const char *name,
		   void (*render)(FILE *f, json_t *scan))
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		die(EXIT_INTERNAL, "open_memstream: out of memory");
	render(f, scan);
	if (fclose(f))
		die(EXIT_INTERNAL, "%s: out of memory", name);
	report_file(dir, name, text, len);
	free(text);
}

/* @s with HTML's special characters as entities; also used by track. */
void html_escape(FILE *f, const char *s)
{
	static const char *const ent[256] = {
		['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;",
		['"'] = "&quot;", ['\''] = "&#39;",
	};

	for (; s && *s; s++) {
		if (ent[(unsigned char)*s])
			fputs(ent[(unsigned char)*s], f);
		else
			fputc(*s, f);
	}
}

/* One numeric conversion of html_printf(): "%08lld", "%zu", "%d". */
static const char *html_number(FILE *f, const char *p, va_list *ap)
{
	size_t n = strspn(p, "0123456789-");
	char spec[16];

	if (!strncmp(p + n, "lld", 3)) {
		snprintf(spec, sizeof(spec), "%%%.*slld", (int)n, p);
		fprintf(f, spec, va_arg(*ap, long long));
		return p + n + 2;
	}
	if (!strncmp(p + n, "zu", 2)) {
		snprintf(spec, sizeof(spec), "%%%.*szu", (int)n, p);
		fprintf(f, spec, va_arg(*ap, size_t));
		return p + n + 1;
	}
	snprintf(spec, sizeof(spec), "%%%.*sd", (int)n, p);
	fprintf(f, spec, va_arg(*ap, int));
	return p + n;
}

/*
 * fprintf() for HTML: a "%s" argument is text, escaped; "%r" is markup
 * the caller made, written as it is; "%d", "%lld" and "%zu" (with a
 * width) are numbers.  Markup and text cannot be mixed up by forgetting
 * an escape.
 */
void html_printf(FILE *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			fputc(*p, f);
		} else if (p[1] == 's') {
			html_escape(f, va_arg(ap, const char *));
			p++;
		} else if (p[1] == 'r') {
			fputs(va_arg(ap, const char *), f);
			p++;
		} else if (p[1] == '%') {
			fputc('%', f);
			p++;
		} else {
			p = html_number(f, p + 1, &ap);
		}
	}
	va_end(ap);
}

bool report_hop_located(json_t *hop)
{
	const char *file = jstr(hop, "file");

	return *file && *file != '(' && jint(hop, "line") > 0;
}
