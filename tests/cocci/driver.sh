# SPDX-License-Identifier: GPL-2.0
# Tests of semantic-patches/mmprep-patches on synthetic trees, sourced by
# tests/run-cocci (which defines top, sp, out, ok, bad).

# check NAME COMMAND...: one test of the driver.
check() {
	what=$1
	shift
	if "$@" >>"$out/driver/checks.log" 2>&1; then ok; else bad "driver" "$what"; fi
}

# mktree DIR: a tree with the 7.0 API and two drivers.
mktree() {
	mkdir -p "$1/include/linux" "$1/drivers/char" "$1/drivers/misc"
	printf 'VERSION = 7\nPATCHLEVEL = 0\n' >"$1/Makefile"
	printf 'struct file_operations {\n\tint (*mmap_prepare)(struct vm_area_desc *);\n};\n' \
		>"$1/include/linux/fs.h"
	cp "$top/tests/cocci/whole_vma_remap/eagain.c" "$1/drivers/char/phys.c"
	cp "$top/tests/cocci/report_only/calls.c" "$1/drivers/misc/calls.c"
	cp "$top/tests/cocci/whole_vma_remap/return.c" "$1/drivers/misc/plain.c"
	# sound/core/compress_offload.c: no mapping at all
	printf '%s\n' 'static int nomap_mmap(struct file *f, struct vm_area_struct *vma)' \
		'{' '	return -ENXIO;' '}' '' \
		'static const struct file_operations nomap_fops = {' \
		'	.mmap		= nomap_mmap,' '};' >"$1/drivers/misc/nomap.c"
	# drivers/mtd/mtdchar.c: #ifdef blocks inside the body, which spatch
	# converts only in part; lib/check.py must keep the file as it was
	cat >"$1/drivers/misc/half.c" <<'EOF'
static int half_mmap(struct file *file, struct vm_area_struct *vma)
{
#ifdef CONFIG_MMU
	struct half *h = file->private_data;

	if (h->ram) {
#ifdef pgprot_noncached
		if (file->f_flags & O_DSYNC)
			vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
#endif
		return vm_iomap_memory(vma, h->phys, h->size);
	}
	return -ENODEV;
#else
	return vma->vm_flags & VM_SHARED ? 0 : -EACCES;
#endif
}

static const struct file_operations half_fops = {
	.mmap		= half_mmap,
};
EOF
	# hpet: the #else stub refuses everything, the real callback maps;
	# kvm_gmem: a two-bit shared test; kvm_vcpu: private refused only
	# for some offsets.  Not in the default scan: see ksm_checks.
	cat >"$1/drivers/misc/alt.c" <<'EOF'
#ifdef CONFIG_ALT_MMAP
static int alt_mmap(struct file *file, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_IO | VM_DONTEXPAND);
	return 0;
}
#else
static int alt_mmap(struct file *file, struct vm_area_struct *vma)
{
	return -ENOSYS;
}
#endif

static const struct file_operations alt_fops = {
	.mmap		= alt_mmap,
};
EOF
	cat >"$1/drivers/misc/gmem.c" <<'EOF'
static int gmem_mmap(struct file *file, struct vm_area_struct *vma)
{
	if ((vma->vm_flags & (VM_SHARED | VM_MAYSHARE)) !=
	    (VM_SHARED | VM_MAYSHARE))
		return -EINVAL;

	vma->vm_ops = &gmem_vm_ops;
	return 0;
}

static const struct file_operations gmem_fops = {
	.mmap		= gmem_mmap,
};
EOF
	cat >"$1/drivers/misc/twin.c" <<'EOF'
static int twin_mmap(struct file *file, struct vm_area_struct *vma)
{
	pr_devel("twin %lx\n", vma->vm_flags);
	vm_flags_set(vma, VM_DONTEXPAND);
	return 0;
}

static int other_mmap(struct file *file, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	return 0;
}

static const struct file_operations twin_fops = {
	.mmap		= twin_mmap,
};

static const struct file_operations other_fops = {
	.mmap		= other_mmap,
};
EOF
	sed -e 's/gmem/vcpu/g' -e '/VM_MAYSHARE)) !=/,/(VM_SHARED | VM_MAYSHARE))/c\
	if (vma->vm_pgoff >= 4 && !(vma->vm_flags & VM_SHARED))' \
		"$1/drivers/misc/gmem.c" >"$1/drivers/misc/vcpu.c"
}

# ksm_checks: the KSM sentence comes from the converted code where the
# scan's fields say otherwise.
ksm_checks() {
	for f in alt:'["VM_IO", "VM_DONTEXPAND"]':true:false \
		 gmem:'[]':false:false vcpu:'[]':false:true; do
		IFS=: read -r n flags special rejects <<EOF
$f
EOF
		patches "ksm-$n" ".entries += [{\"file\": \"drivers/misc/$n.c\",
		  \"ops_name\": \"${n}_fops\", \"ops_type\": \"file_operations\",
		  \"field\": \"mmap\", \"callback\": \"${n}_mmap\",
		  \"ksm_path\": \"late\", \"flags\": $flags,
		  \"special\": $special, \"conditional\": false,
		  \"rejects_private\": $rejects,
		  \"category\": \"descriptor_only\"}]" --only "drivers/misc/$n.c"
	done
	patches twin ".entries += [{\"file\": \"drivers/misc/twin.c\",
	  \"ops_name\": \"twin_fops\", \"ops_type\": \"file_operations\",
	  \"field\": \"mmap\", \"callback\": \"twin_mmap\",
	  \"ksm_path\": \"late\", \"flags\": [\"VM_DONTEXPAND\"],
	  \"special\": true, \"category\": \"descriptor_only\"}]
	  | .entries += [.entries[-1] | .ops_name = \"other_fops\" |
	  .callback = \"other_mmap\"]" --only drivers/misc/twin.c
	check "callbacks that set the same flags: one sentence" grep -q \
		"other_mmap() and twin_mmap() set VM_DONTEXPAND\." \
		"$t/twin/"0001-*.patch
	check "a debug print that loses the VMA flags is said" grep -q \
		"no longer prints the VMA flags" "$t/twin/"0001-*.patch
	check "... and keeps the words of its message" grep -q \
		'^+	pr_devel("twin\\n");' "$t/twin/"0001-*.patch
	check "an alternate definition that maps: not 'refuses every mapping'" \
		sh -c "grep -q 'Every mapping gets VM_DONTEXPAND and VM_IO' \
			$t/ksm-alt/0001-*.patch &&
		       ! grep -q 'refuses every' $t/ksm-alt/0001-*.patch"
	check "a two-bit shared test refuses private mappings" grep -q \
		"refuses private mappings" "$t/ksm-gmem/"0001-*.patch
	check "... a test for some offsets only does not" sh -c \
		"test -f $t/ksm-vcpu/0001-*.patch &&
		 ! grep -q 'refuses private' $t/ksm-vcpu/0001-*.patch"
}

# scan FILE [JQ]: the scan of mktree's tree, edited by the jq filter JQ.
scan() {
	cat >"$1.in" <<'JSON'
{"entries": [
 {"file": "drivers/char/phys.c", "ops_name": "phys_fops",
  "ops_type": "file_operations", "field": "mmap", "callback": "phys_mmap",
  "ksm_path": "late", "flags": ["VM_IO", "VM_PFNMAP"], "special": true,
  "conditional": false, "rejects_private": false,
  "category": "whole_vma_remap", "cocci": "whole_vma_remap.cocci",
  "evidence": [{"flag": "VM_IO", "chain": [
   {"function": "phys_mmap", "file": "drivers/char/phys.c", "line": 9,
    "at": 20},
   {"function": "remap_pfn_range", "file": "mm/memory.c", "line": 2901,
    "at": 2910}]}]},
 {"file": "drivers/misc/calls.c", "ops_name": "foo_fops",
  "ops_type": "file_operations", "field": "mmap", "callback": "foo_mmap",
  "ksm_path": "late", "flags": ["VM_MIXEDMAP"], "special": true,
  "category": "insert_page", "cocci": "report_only.cocci"},
 {"file": "drivers/misc/plain.c", "ops_name": "plain_fops",
  "ops_type": "file_operations", "field": "mmap", "callback": "plain_mmap",
  "ksm_path": "late", "flags": [], "special": false, "conditional": false,
  "rejects_private": false, "category": "whole_vma_remap"},
 {"file": "drivers/misc/plain.c", "ops_name": "io_fops",
  "ops_type": "file_operations", "field": "mmap", "callback": "io_mmap",
  "ksm_path": "late", "flags": [], "special": false,
  "rejects_private": true, "category": "whole_vma_remap"},
 {"file": "drivers/misc/half.c", "ops_name": "half_fops",
  "ops_type": "file_operations", "field": "mmap", "callback": "half_mmap",
  "ksm_path": "late", "flags": ["VM_IO"], "special": true,
  "category": "iomap_memory"},
 {"file": "drivers/misc/nomap.c", "ops_name": "nomap_fops",
  "ops_type": "file_operations", "field": "mmap", "callback": "nomap_mmap",
  "ksm_path": "late", "flags": [], "special": false,
  "rejects_private": false, "category": "descriptor_only"},
 {"file": "drivers/misc/calls.c", "ops_name": "early_fops",
  "ops_type": "file_operations", "field": "mmap_prepare",
  "callback": "early_prepare", "ksm_path": "early"}
]}
JSON
	jq "${2:-.}" "$1.in" >"$1"
}

# patches NAME SCAN-JQ [ARGS]: mmprep-patches on $t/tree; exit status in
# $t/NAME.rc, output in $t/NAME.log, series in $t/NAME.
patches() {
	scan "$t/$1.json" "$2"
	name=$1
	shift 2
	"$sp/mmprep-patches" --scan "$t/$name.json" --out "$t/$name" "$@" \
		"$tree" >"$t/$name.log" 2>&1
	echo $? >"$t/$name.rc"
}

rc() { test "$(cat "$t/$1.rc")" -eq "$2"; }

driver() {
	t=$out/driver
	tree=$t/tree
	mkdir -p "$t"
	mktree "$tree"
	export GIT_CONFIG_GLOBAL=$t/gitconfig GIT_CONFIG_NOSYSTEM=1
	printf '[user]\n\tname = Ada Author\n\temail = ada@example.org\n' \
		>"$GIT_CONFIG_GLOBAL"

	patches out . --verify
	check "exit status 0 (tests/out/cocci/driver/out.log)" rc out 0
	p1=$t/out/0001-char-phys-convert-phys_fops-to-mmap_prepare.patch
	check "subject of 0001: prefixes.tsv's rule for drivers/char/" \
		grep -qx 'Subject: \[PATCH 1/3\] char: phys: convert phys_fops to mmap_prepare' "$p1"
	check "author from git config" grep -qx 'From: Ada Author <ada@example.org>' "$p1"
	check "body names the semantic patch" grep -q "whole_vma_remap.cocci" "$p1"
	check "body: ->mmap is deprecated" grep -q "deprecated in favour of" "$p1"
	check "body: no line number of mm/" sh -c "! grep -q 'mm/memory.c' '$p1'"
	check "body: the chain by name" grep -q "phys_mmap() -> remap_pfn_range()" "$p1"
	check "body: VM_SPECIAL mappings regain nothing" sh -c \
		"! grep -q 'merging work' '$p1' && grep -q 'KSM ignores' '$p1'"
	# both must fail, not pass, when the patch is missing
	check "no Signed-off-by" sh -c "[ -s '$p1' ] && ! grep -q Signed-off-by '$p1'"
	check "body lines at most 75 columns" sh -c \
		"[ -s '$p1' ] && sed '/^---\$/q' '$p1' | awk 'length > 75 { exit 1 }'"
	check "subject of 0002 names both tables" grep -qx \
		'Subject: \[PATCH 3/3\] misc: plain: convert io_fops and plain_fops to mmap_prepare' \
		"$t/out/"0003-*.patch
	check "tables of different KSM impact: the claim names its table" \
		grep -q "Private mappings of plain_fops come out" "$t/out/"0003-*.patch
	check "... and none for the shared-only table" sh -c \
		"! grep -q 'mappings of io_fops' $t/out/0003-*.patch"
	check "cover letter lists the blocked driver and why" grep -q \
		"vm_insert_page() \[insert_page\]" "$t/out/0000-cover-letter.patch"
	check "a half conversion is no patch" sh -c \
		"! grep -q '+++ b/drivers/misc/half.c' '$t/out/'0*.patch"
	check "... and the cover letter says why" grep -q \
		"could not convert it completely (file is used" \
		"$t/out/0000-cover-letter.patch"
	check "a callback that refuses every mapping claims nothing for KSM" \
		sh -c "grep -q 'It refuses every mapping' $t/out/*nomap*.patch &&
		       ! grep -q 'merging work' $t/out/*nomap*.patch"
	check "KDIR untouched" cmp -s "$tree/drivers/char/phys.c" \
		"$top/tests/cocci/whole_vma_remap/eagain.c"
	check "verified copy equals eagain.res" cmp -s \
		"$t/out/verify/tree/drivers/char/phys.c" \
		"$top/tests/cocci/whole_vma_remap/eagain.res"
	check "status.json: applied" grep -q '"apply": "ok"' "$t/out/status.json"

	patches from . --from 'Bo Sender <bo@example.org>'
	check "--from gives the author" grep -qx 'From: Bo Sender <bo@example.org>' \
		"$t/from/"0001-*.patch
	patches long '.entries[0].ops_name = "a_rather_long_file_operations_table_name"' --only drivers/char/phys.c
	check "a subject past 75 columns drops the table names" grep -qx \
		'Subject: \[PATCH 1/1\] char: phys: convert to mmap_prepare' \
		"$t/long/"0001-*.patch
	patches lost '(.entries[] | select(.callback == "phys_mmap")) |= (.flags = [] | .special = false)' --only drivers/char/phys.c
	check "a private mapping without VM_SPECIAL: KSM regained" grep -q \
		"KSM and VMA merging work for them" "$t/lost/"0001-*.patch
	patches impact '(.entries[] | select(.callback == "phys_mmap")) |= (.flags = [] | .special = false | .ksm_impact = "none-shared-only")' --only drivers/char/phys.c
	check "ksm_impact, when the scan has it, wins" sh -c \
		"! grep -q 'merging work' $t/impact/0001-*.patch &&
		 grep -q 'refuses private mappings' $t/impact/0001-*.patch"

	# A scan is untrusted: its category, its cocci and its paths.
	patches nocat 'del(.entries[0].category)'
	check "a late entry without category: exit 5" rc nocat 5
	check "... and says why" grep -q "has no category" "$t/nocat.log"
	patches badcat '.entries[0].category = "evil"'
	check "a category not in categories.tsv: exit 6" rc badcat 6
	patches dotdot '.entries[0].file = "../../../etc/passwd"'
	check "a file outside KDIR: exit 7" rc dotdot 7
	patches abs '.entries[0].file = "/etc/passwd"'
	check "an absolute file: exit 7" rc abs 7
	ln -sf /etc/passwd "$tree/drivers/char/link.c"
	patches link '.entries[0].file = "drivers/char/link.c"'
	check "a symbolic link out of KDIR: exit 7" rc link 7
	rm -f "$tree/drivers/char/link.c"
	cat >"$t/evil.cocci" <<EOF
@script:python@
@@
open("$t/pwned", "w").write("x")
EOF
	patches evil ".entries[0].cocci = \"$t/evil.cocci\"" --only drivers/char/phys.c
	check "the scan's cocci never runs" test ! -e "$t/pwned"
	check "the table's cocci runs instead" grep -q whole_vma_remap.cocci \
		"$t/evil/"0001-*.patch

	# The subject prefix from git history: the file's, else its
	# directory's; tree-wide commits do not count.
	git_tree
	check "prefix from the file's history" grep -qx \
		'Subject: \[PATCH 1/2\] phys dev: Convert phys_fops to mmap_prepare' \
		"$t/git/"0001-*.patch
	check "prefix from the directory's history" grep -q \
		'^Subject: \[PATCH 2/2\] misc: plainish: ' "$t/git/"0002-*.patch

	arch_tree
	check "a file under arch/<a>/ builds on <a>" grep -qx \
		"arch/foo/kernel/x.c foo" "$t/arch.out"
	check "Kconfig: depends on an arch symbol" grep -qx \
		"drivers/bar/bar.c foo" "$t/arch.out"
	check "Kconfig: through a composite object and a directory" grep -qx \
		"drivers/bar/sub/baz-core.c foo" "$t/arch.out"
	check "Kconfig: || COMPILE_TEST builds on x86" grep -qx \
		"drivers/bar/any.c x86" "$t/arch.out"
	check "Kconfig: inside an if block of arch symbols" grep -qx \
		"drivers/bar/iffy.c arm" "$t/arch.out"
	check "llvm.rst: LLVM=1 builds foo" \
		python3 "$sp/lib/arch.py" --llvm "$t/atree" foo
	check "llvm.rst: not bar, which wants CC=clang LLVM_IAS=0" sh -c \
		"! python3 '$sp/lib/arch.py' --llvm '$t/atree' bar"

	ksm_checks

	verify_tree
	check "verify: a patch built on arm keeps its name" grep -q \
		'"patch": "0001-ARM-foo-Convert-to-mmap_prepare"' "$t/vout/status.json"
	check "verify: the toolchain whose objects the checker can check" \
		grep -q '"toolchain": "ARCH=arm CROSS_COMPILE=arm-linux-gnueabihf-"' \
		"$t/vout/status.json"
	check "... and the patch is checked" grep -q \
		'"new_sparse_warnings": 0' "$t/vout/status.json"

	mkdir -p "$t/old/include/linux"
	printf 'VERSION = 6\nPATCHLEVEL = 12\n' >"$t/old/Makefile"
	printf 'struct file_operations {\n\tint (*mmap)(void);\n};\n' \
		>"$t/old/include/linux/fs.h"
	"$sp/mmprep-patches" --scan "$t/out.json" --out "$t/old-out" \
		"$t/old" >"$t/old.log" 2>&1
	check "a tree without .mmap_prepare is refused (exit 3)" test $? -eq 3
	check "refusal says why" grep -q "6.12) has no .mmap_prepare" "$t/old.log"
	unset GIT_CONFIG_GLOBAL GIT_CONFIG_NOSYSTEM
}

# git_tree: a copy of the tree as a git repository with a history.
git_tree() {
	g=$t/gtree
	rm -rf "$g"
	mktree "$g"
	(
		cd "$g" && git init -q && git add -A &&
		git commit -qm "Initial import" &&
		for s in "phys dev: Fix the size" "phys dev: Add a check" \
			 "char: phys: tidy"; do
			echo "/* $s */" >>drivers/char/phys.c
			git commit -qam "$s"
		done &&
		for i in 1 2 3 4 5 6 7 8 9 10 11; do
			echo "/* $i */" >"drivers/misc/f$i.c"
		done &&
		echo "/* x */" >>drivers/char/phys.c && git add -A &&
		git commit -qm "treewide: rename everything" &&
		for s in "misc: plainish: Fix" "misc: plainish: Add"; do
			echo "/* $s */" >>drivers/misc/f1.c
			git commit -qam "$s"
		done
	) >"$t/git.log" 2>&1
	save=$tree
	tree=$g
	patches git '.entries |= map(select(.file | test("calls|half|nomap") | not))'
	tree=$save
}

# arch_tree: Kconfig and Makefiles for lib/arch.py; its answers in
# $t/arch.out.
arch_tree() {
	a=$t/atree
	rm -rf "$a"
	mkdir -p "$a/arch/foo/kernel" "$a/arch/x86" "$a/arch/arm" \
		"$a/drivers/bar/sub"
	printf 'source "drivers/Kconfig"\nsource "arch/$(SRCARCH)/Kconfig"\n' \
		>"$a/Kconfig"
	printf 'config FOO\n\tdef_bool y\n' >"$a/arch/foo/Kconfig"
	printf 'config X86\n\tdef_bool y\n' >"$a/arch/x86/Kconfig"
	printf 'config ARM\n\tdef_bool y\n' >"$a/arch/arm/Kconfig"
	printf 'source "drivers/bar/Kconfig"\n' >"$a/drivers/Kconfig"
	cat >"$a/drivers/bar/Kconfig" <<'EOF'
config BAR
	tristate "bar"
	depends on FOO

config BAZ
	tristate "baz" if BAR
	depends on \
		BAR

config ANY
	tristate "any"
	depends on FOO || COMPILE_TEST

if ARM
config IFFY
	bool "iffy"
endif
EOF
	cat >"$a/drivers/bar/Makefile" <<'EOF'
obj-$(CONFIG_BAR) += bar.o
obj-y += sub/
obj-$(CONFIG_ANY) += any.o
obj-$(CONFIG_IFFY) += iffy.o
EOF
	printf 'obj-$(CONFIG_BAZ) += baz.o\nbaz-y := baz-core.o\n' \
		>"$a/drivers/bar/sub/Makefile"
	mkdir -p "$a/Documentation/kbuild"
	printf '%s\n' '   * - foo' '     - Maintained' '     - ``LLVM=1``' \
		'   * - bar' '     - Maintained' \
		'     - ``CC=clang LLVM_IAS=0`` (LLVM >= 20)' \
		>"$a/Documentation/kbuild/llvm.rst"
	python3 "$sp/lib/arch.py" "$a" arch/foo/kernel/x.c drivers/bar/bar.c \
		drivers/bar/sub/baz-core.c drivers/bar/any.c drivers/bar/iffy.c \
		>"$t/arch.out" 2>&1
}

# verify_tree: mmprep-verify on a kbuild stand-in with a patch of an arm
# file.  Two arm cross compilers and sparse are stubs on PATH; the
# checker fails on the objects of the first, as sparse does on arm clang's.
verify_tree() {
	vt=$t/vtree
	rm -rf "$vt" "$t/vout" "$t/vbin"
	mkdir -p "$vt/scripts/kconfig" "$vt/arch/arm/mach-foo" "$t/vout" \
		"$t/vbin"
	printf '#!/bin/sh\necho 1\n' >"$vt/scripts/checker-valid.sh"
	cat >"$vt/Makefile" <<'EOF'
allmodconfig prepare:
	@:
%.o:
	@if [ "$(C)" = 2 ] && [ "$(CROSS_COMPILE)" = arm-linux-gnueabi- ]; \
	then echo "No such file: gnu"; exit 1; fi
EOF
	printf 'int foo;\n' >"$vt/arch/arm/mach-foo/foo.c"
	printf '%s\n' '--- a/arch/arm/mach-foo/foo.c' \
		'+++ b/arch/arm/mach-foo/foo.c' '@@ -1 +1 @@' '-int foo;' \
		'+int foo_prepare;' \
		>"$t/vout/0001-ARM-foo-Convert-to-mmap_prepare.patch"
	for c in arm-linux-gnueabi-gcc arm-linux-gnueabihf-gcc sparse; do
		printf '#!/bin/sh\nexit 0\n' >"$t/vbin/$c"
		chmod +x "$t/vbin/$c"
	done
	PATH=$t/vbin:$PATH "$sp/mmprep-verify" -j 1 "$vt" "$t/vout" \
		>"$t/vout.log" 2>&1
}
