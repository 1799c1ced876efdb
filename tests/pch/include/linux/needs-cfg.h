/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_NEEDS_CFG_H
#define _LINUX_NEEDS_CFG_H
/* found through the including file's own directory only */
#include "drvcfg.h"
#endif
