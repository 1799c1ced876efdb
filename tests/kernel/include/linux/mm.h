/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H
#include <linux/mm_types.h>

#define VM_READ		0x00000001
#define VM_WRITE	0x00000002
#define VM_SHARED	0x00000008
#define VM_MAYWRITE	0x00000020
#define VM_MAYSHARE	0x00000080
#define VM_IO		0x00004000
#define VM_DONTCOPY	0x00020000
#define VM_DONTEXPAND	0x00040000
#define VM_NORESERVE	0x00200000
#define VM_PFNMAP	0x00000400
#define VM_MIXEDMAP	0x10000000
#define VM_DONTDUMP	0x04000000
#define VM_SPECIAL (VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP)

enum {
	VMA_IO_BIT = 14,
	VMA_PFNMAP_BIT = 10,
	VMA_DONTEXPAND_BIT = 18,
	VMA_DONTDUMP_BIT = 26,
	VMA_MIXEDMAP_BIT = 28,
};

struct vm_fault;

struct vm_operations_struct {
	void (*open)(struct vm_area_struct *area);
	void (*close)(struct vm_area_struct *area);
	int (*may_split)(struct vm_area_struct *area, unsigned long addr);
	int (*fault)(struct vm_fault *vmf);
};

static inline void vm_flags_set(struct vm_area_struct *vma, vm_flags_t flags)
{
	vma->__vm_flags |= flags;
}

static inline void vm_flags_clear(struct vm_area_struct *vma, vm_flags_t flags)
{
	vma->__vm_flags &= ~flags;
}

static inline void vm_flags_mod(struct vm_area_struct *vma, vm_flags_t set,
				vm_flags_t clear)
{
	vma->__vm_flags = (vma->__vm_flags | set) & ~clear;
}

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> 12;
}

static inline bool is_cow_mapping(vm_flags_t flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/* The 7.0 vma_flags_t helpers, in the shape of the real ones. */
typedef int vma_flag_t;
static inline vma_flags_t __mk_vma_flags(size_t count, const vma_flag_t *bits)
{
	vma_flags_t f = { { 0 } };

	for (size_t i = 0; i < count; i++)
		f.__vma_flags[0] |= 1UL << bits[i];
	return f;
}
#define mk_vma_flags(...) __mk_vma_flags(sizeof((const vma_flag_t[]){ __VA_ARGS__ }) / sizeof(vma_flag_t), (const vma_flag_t[]){ __VA_ARGS__ })
#define VMA_REMAP_FLAGS mk_vma_flags(VMA_IO_BIT, VMA_PFNMAP_BIT, \
				     VMA_DONTEXPAND_BIT, VMA_DONTDUMP_BIT)

static inline void vma_set_flags_mask(struct vm_area_struct *vma,
				      vma_flags_t flags)
{
	vma->flags.__vma_flags[0] |= flags.__vma_flags[0];
}
#define vma_set_flags(vma, ...) vma_set_flags_mask(vma, mk_vma_flags(__VA_ARGS__))

static inline void vma_desc_set_flags_mask(struct vm_area_desc *desc,
					   vma_flags_t flags)
{
	desc->vma_flags.__vma_flags[0] |= flags.__vma_flags[0];
}
#define vma_desc_set_flags(desc, ...) \
	vma_desc_set_flags_mask(desc, mk_vma_flags(__VA_ARGS__))

int remap_pfn_range(struct vm_area_struct *vma, unsigned long addr,
		    unsigned long pfn, unsigned long size, pgprot_t prot);
int vm_insert_page(struct vm_area_struct *vma, unsigned long addr,
		   struct page *page);
int vm_iomap_memory(struct vm_area_struct *vma, unsigned long start,
		    unsigned long len);
int remap_vmalloc_range(struct vm_area_struct *vma, void *addr,
			unsigned long pgoff);
static inline int io_remap_pfn_range(struct vm_area_struct *vma,
				     unsigned long addr, unsigned long pfn,
				     unsigned long size, pgprot_t prot)
{
	return remap_pfn_range(vma, addr, pfn, size, prot);
}
#endif
