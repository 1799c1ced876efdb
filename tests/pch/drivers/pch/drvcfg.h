/* SPDX-License-Identifier: GPL-2.0 */
#define DRVCFG 1
