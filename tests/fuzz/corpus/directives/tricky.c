// SPDX-License-Identifier: GPL-2.0
#define CREATE_TRACE_POINTS
#define MULTI_LINE(a, b) \
	do { (a) = (b); } while (0)
/* #include <linux/not_included.h> */
/*
#include <linux/also_not.h>
*/
#  include /* a comment */ <linux/sched.h>
#include <linux/\
fs.h>
#include "local.h"
#include MACRO_HEADER
#include <unterminated.h
#ifndef
#define
#ifndef GUARDED
#define OTHER 1
#if FOO_VERSION >= 0x20000 && defined BAR_9 // trailing comment
#endif
#undef DEMO_FLAG
#include <trace/events/demo.h>
# /* empty directive */
#pragma once
