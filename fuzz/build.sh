#!/bin/sh
# fuzz/build.sh - build the libFuzzer targets with clang (what `make fuzz` runs).
#
#   fuzz/build.sh SRCDIR BUILDDIR OUTDIR
#
# Every fuzz/fuzz_*.c is a target: OUTDIR/fuzz_NAME is built from it, from
# fuzz/common.c and from the core sources (src/*/*.c except main.c and
# main_options.c; nothing from src/tui/; and BUILDDIR's generated
# src/config/theme_builtin.c), all compiled here with clang and
#   -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
# whichever compiler configure chose: only BUILDDIR/config.h is taken from the
# configured build. Objects go to OUTDIR/obj and are rebuilt when their source,
# a header they include, the compiler or the flags change; a target is relinked
# when one of its objects is newer or the list of objects changed.
#
# Environment:
#   CLANG         the compiler (default clang)
#   FUZZ_CFLAGS   extra compiler flags (appended)
#   FUZZ_LDFLAGS  extra linker flags (appended)
# Needs clang's libFuzzer runtime (Debian: libclang-rt-14-dev, or the
# libclang-rt-dev meta package). POSIX sh.
set -eu

if [ $# -ne 3 ]; then
    echo "usage: $0 SRCDIR BUILDDIR OUTDIR" >&2
    exit 2
fi
srcdir=$(cd "$1" && pwd)
builddir=$(cd "$2" && pwd)
mkdir -p "$3"
outdir=$(cd "$3" && pwd)
cc=${CLANG:-clang}

if [ ! -f "$builddir/config.h" ]; then
    echo "fuzz/build.sh: no $builddir/config.h: run configure first (any compiler will do)" >&2
    exit 1
fi
if [ "$outdir" = "$srcdir/fuzz" ] || [ "$outdir" = "$srcdir" ]; then
    echo "fuzz/build.sh: OUTDIR must not be the source's fuzz/ directory or the source tree" >&2
    exit 1
fi
if ! command -v "$cc" >/dev/null 2>&1; then
    echo "fuzz/build.sh: $cc not found: install clang (and libclang-rt-dev for libFuzzer)" >&2
    exit 1
fi

deps="yaml-0.1 zlib libpcre2-8"
pkg_cflags=$(pkg-config --cflags $deps)
pkg_libs=$(pkg-config --libs $deps)

san="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined"
cflags="-std=c11 -g -O1 $san -fno-omit-frame-pointer -Wall -Wextra \
-include $builddir/config.h -I$srcdir/include -I$builddir $pkg_cflags ${FUZZ_CFLAGS:-}"
ldflags="$san ${FUZZ_LDFLAGS:-}"

obj="$outdir/obj"
mkdir -p "$obj"

# libFuzzer must be there before anything else is worth compiling.
probe="$obj/probe.c"
printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
    >"$probe"
if ! "$cc" $san "$probe" -o "$obj/probe" 2>"$obj/probe.log"; then
    cat "$obj/probe.log" >&2
    echo "fuzz/build.sh: $cc cannot link -fsanitize=fuzzer: install libFuzzer" \
         "(Debian: libclang-rt-dev / libclang-rt-14-dev)" >&2
    exit 1
fi
rm -f "$probe" "$obj/probe" "$obj/probe.log"

# The flags are part of every object: a change rebuilds everything.
stamp="$obj/flags"
want="$("$cc" --version | head -n 1) $cflags"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    rm -f "$obj"/*.o "$obj"/*.d
    printf '%s\n' "$want" >"$stamp"
fi

# stale OBJECT: true when it is missing or older than a file in its .d list.
stale() {
    [ -f "$1" ] && [ -f "${1%.o}.d" ] || return 0
    for dep in $(sed -e 's/^[^:]*://' -e 's/\\$//' "${1%.o}.d"); do
        [ "$dep" -nt "$1" ] && return 0
    done
    return 1
}

# compile SOURCE OBJECT
compile() {
    if stale "$2"; then
        echo "  CC      ${1#"$srcdir"/}"
        "$cc" $cflags -MMD -MP -MF "${2%.o}.d" -c "$1" -o "$2"
    fi
}

core_objs=""
# The built-in themes' source is generated in the build directory (make fuzz
# makes it first).
if [ ! -f "$builddir/src/config/theme_builtin.c" ]; then
    echo "fuzz/build.sh: no $builddir/src/config/theme_builtin.c: run 'make fuzz'" >&2
    exit 1
fi
for src in "$srcdir"/src/*/*.c; do
    case "${src##*/}" in
        main.c | main_options.c | theme_builtin.c) continue ;; # the last: an in-tree build's
    esac
    case "$src" in
        */src/tui/*) continue ;;
    esac
    o="$obj/core_$(basename "$src" .c).o"
    compile "$src" "$o"
    core_objs="$core_objs $o"
done
compile "$builddir/src/config/theme_builtin.c" "$obj/core_theme_builtin.o"
core_objs="$core_objs $obj/core_theme_builtin.o"
compile "$srcdir/fuzz/common.c" "$obj/common.o"

built=""
for src in "$srcdir"/fuzz/fuzz_*.c; do
    [ -f "$src" ] || continue
    name=$(basename "$src" .c)
    compile "$src" "$obj/$name.o"
    relink=false
    objs="$obj/$name.o $obj/common.o$core_objs $pkg_libs"
    if [ ! -f "$obj/$name.link" ] || [ "$(cat "$obj/$name.link")" != "$objs" ]; then
        relink=true
    fi
    for o in "$obj/$name.o" "$obj/common.o" $core_objs; do
        [ "$o" -nt "$outdir/$name" ] && relink=true && break
    done
    if $relink || [ ! -x "$outdir/$name" ]; then
        echo "  CCLD    $name"
        rm -f "$obj/$name.link"
        "$cc" $ldflags "$obj/$name.o" "$obj/common.o" $core_objs $pkg_libs -lm -o "$outdir/$name"
        printf '%s\n' "$objs" >"$obj/$name.link"
    fi
    built="$built $name"
done
echo "fuzz targets in $outdir:$built"
