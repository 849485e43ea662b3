#!/bin/sh
# Cargo runs every workspace crate's rustc through this script
# (.cargo/config.toml, build.rustc-workspace-wrapper); $1 is rustc.
#
# The taipan executable is built non-PIE (-C relocation-model=static), as
# Debian builds its python3.11: the eval loop's jump table then holds
# absolute addresses, one load-and-jump per bytecode instead of four
# instructions (fib 622.5 -> ~590 instructions per call, -3% to -6% on
# every workload; bench/RESULTS.md, eleventh session). With the release
# profile's fat LTO all code is generated in this last rustc call, so the
# flag reaches the whole program. It cannot go in rustflags: those also
# reach proc-macro crates, which must stay position-independent.
rustc="$1"
shift
case " $* " in
*" --crate-name taipan "*" --crate-type bin "*)
    exec "$rustc" "$@" -C relocation-model=static
    ;;
esac
exec "$rustc" "$@"
