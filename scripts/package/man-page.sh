#!/usr/bin/env bash
# man-page.sh BIN OUT: writes harness(1) in roff from the built binary's own --help, the top level and every
# subcommand (found in each help's "Subcommands:" section), so the man page says exactly what the binary does.
# A small script rather than help2man: help2man reads one --help, and our subcommands each have their own.
set -euo pipefail
bin="$1"
out="$2"

# roff treats a backslash as an escape and a line starting with . or ' as a request.
roff_text() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

subcommands_of() { # the names listed under "Subcommands:" of a help text on stdin
    sed -n '/^Subcommands:/,$p' | sed '1d' | awk '/^  [a-z][a-z0-9-]* / {print $1}'
}

section() { # "contract show" ...: one subsection with that help, then each of its subcommands
    local help name
    # shellcheck disable=SC2086
    help="$("$bin" $1 --help)"
    if [ -n "$1" ]; then
        printf '.SS "harness %s"\n' "$1"
    fi
    printf '.nf\n'
    printf '%s\n' "$help" | roff_text
    printf '.fi\n'
    for name in $(printf '%s\n' "$help" | subcommands_of); do
        section "${1:+$1 }$name"
    done
}

version="$("$bin" --version | awk '{print $2}')"
{
    printf '.TH HARNESS 1 "" "harness %s" "User Commands"\n' "$version"
    printf '.SH NAME\nharness \\- contract and load testing for one HTTP endpoint\n'
    printf '.SH SYNOPSIS\n.B harness\n.I SUBCOMMAND\n[\\fIOPTIONS\\fR]\n'
    printf '.SH DESCRIPTION\n'
    printf 'Every section below is the output of \\fBharness ... \\-\\-help\\fR for that subcommand.\n'
    section ""
    printf '.SH FILES\n.TP\n.I /usr/share/harness\n'
    printf 'The bundled contract, profile and scenarios, as references to copy and edit; the binary has them built in.\n'
    printf '.SH VERSION\n'
    "$bin" --version | roff_text
} > "$out.tmp"
mv "$out.tmp" "$out"
