/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What makefile.c and makeexpand.c share: make's language for the Kbuild
 * model (built.c), behind struct mk of tree.h.
 */
#ifndef MMPREP_TREE_MAKE_H
#define MMPREP_TREE_MAKE_H

#include "tree/tree.h"

#define MK_DEPTH 8	/* nested expansions and includes */

/* "export NAME" */
void mk_export(struct mk *m, const char *name);
/* the words of @s; @w joined by blanks; @s without outer blanks */
void mk_words(const char *s, struct strvec *out);
char *mk_join(const struct strvec *w);
char *mk_strip(const char *s);
/* "a,b,c" (@n characters) split at outer commas, each expanded */
void mk_args(struct mk *m, const char *s, size_t n, int depth,
	     struct strvec *args, int max);

#endif
