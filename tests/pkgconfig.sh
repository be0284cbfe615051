#!/bin/sh
# make install into a temporary root, then a program that calls mcpi_run builds with plain cc and
# nothing but pkg-config's flags for mcpi (examples/ln2.c, which includes only mcpi.h) and runs.
. "${srcdir:-.}/tests/setup"
command -v pkg-config > /dev/null || skip "needs pkg-config"
command -v cc > /dev/null || skip "needs a C compiler called cc"
# A sanitizer build's libmcpi needs the sanitizer runtimes, which plain cc does not link.
if nm "$MCPI" 2> /dev/null | grep -q __asan_init; then echo "SKIP: a sanitizer build's library needs -fsanitize"; exit 77; fi
make -s -C "$TOP_BUILDDIR" install DESTDIR="$TMP/root" > "$TMP/install.log" 2>&1 || { cat "$TMP/install.log"; fail "make install"; }
pc=$(find "$TMP/root" -name mcpi.pc | head -n 1)
[ -n "$pc" ] || fail "make install put no mcpi.pc"
# mcpi.pc names the prefix configure was given; DESTDIR put the files under $TMP/root instead.
mkdir "$TMP/pc"
prefix=$(sed -n "s/^prefix=//p" "$pc")
sed "s|^prefix=.*|prefix=$TMP/root$prefix|" "$pc" > "$TMP/pc/mcpi.pc"
export PKG_CONFIG_PATH="$TMP/pc"
flags=$(pkg-config --cflags --libs mcpi) || fail "pkg-config --cflags --libs mcpi"
# shellcheck disable=SC2086
cc -o "$TMP/ln2" "${srcdir:-.}/examples/ln2.c" $flags 2> "$TMP/cc.err" || { cat "$TMP/cc.err"; fail "cc \$(pkg-config --cflags --libs mcpi): $flags"; }
# As a singleton: the program linked by pkg-config gives the same hits as the one make check built.
got=$(timeout "$MCPI_TEST_TIMEOUT" "$TMP/ln2" 1000001 42 < /dev/null | awk '{print $6}')
want=$(timeout "$MCPI_TEST_TIMEOUT" "$TOP_BUILDDIR/examples/ln2" 1000001 42 < /dev/null | awk '{print $6}')
[ -n "$got" ] && [ "$got" = "$want" ] || fail "the pkg-config build gave hits '$got', the in-tree build '$want'"
echo "ok: cc \$(pkg-config --cflags --libs mcpi) = $flags; $got hits as in the tree"
