/* SPDX-License-Identifier: GPL-2.0 */
#define PAGE_SHIFT 12
