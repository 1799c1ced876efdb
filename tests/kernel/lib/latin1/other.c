// SPDX-License-Identifier: GPL-2.0
/* A file of the Kbuild model fixture (fixtures/kbuild-bytes.c). */
int other_dummy;
