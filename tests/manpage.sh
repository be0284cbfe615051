#!/bin/sh
# The man page, generated from --help by help2man with mcpi.h2m, renders without a warning and has
# its sections: groff -man -ww reports every warning (an option heading running into its text, a
# broken macro); lexgrog must find the NAME line that whatis and apropos use.
. "${srcdir:-.}/tests/setup"
page=$TOP_BUILDDIR/mcpi.1
[ -f "$page" ] || page=$TOP_SRCDIR/mcpi.1
[ -f "$page" ] || fail "no mcpi.1 (make builds it with help2man)"
command -v groff > /dev/null || skip "needs groff (Debian package groff-base)"
groff -man -Tutf8 -ww -P-cbou "$page" > "$TMP/page.txt" 2> "$TMP/warnings" || fail "groff failed"
[ ! -s "$TMP/warnings" ] || { cat "$TMP/warnings"; fail "groff warns about mcpi.1"; }
for section in NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
    grep -q "^$section\$" "$TMP/page.txt" || fail "mcpi.1 lacks the section $section"
done
# No option heading may run into its description (help2man needs two blanks between them in
# --help): in the page's source a heading is "\fB\-\-name\fR VALUE" and nothing more.
! grep -nE '^\\fB\\-.*\\fR( [A-Z]+)? [a-z]' "$page" || fail "an option heading runs into its text"
if command -v lexgrog > /dev/null; then
    lexgrog "$page" | grep -q 'mcpi - ' || fail "lexgrog finds no NAME line"
fi
echo "ok: mcpi.1 renders without warnings, with every section"
