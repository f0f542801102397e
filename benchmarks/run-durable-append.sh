#!/usr/bin/env bash
# Runs DurableAppendBenchmark (durable appends/s with fsync on every append, 1/16/64 threads,
# Lithair next to a raw write+force baseline and a naive group commit) and prints the medians,
# the ratios and PASS/MISS against the targets.
#
# Usage: benchmarks/run-durable-append.sh [--quick] [--runs N] [--out DIR] [--jar JAR] [-- JMH options...]
#
#   --quick     CI smoke test (~1 minute): one short iteration per benchmark; checks that the
#               harness runs all nine benchmarks, does not enforce the targets.
#   --runs N    run the whole JMH suite N times (default 1) and pool every iteration: the machine
#               may be noisy, so more runs give steadier medians.
#   --out DIR   where the JMH JSON files go (default benchmarks/target/durable-append).
#   --jar JAR   the benchmarks jar to run (default benchmarks/target/benchmarks.jar), e.g. one
#               built from an older commit, to compare engine versions.
#   -- ...      passed to JMH after the defaults, e.g. -- -f 2 -i 5 -r 5s, or -- -prof gc.
#
# Defaults (from the benchmark's annotations): 1 fork, warmup 3 x 3 s (the engine's code is still
# being compiled after 4 s), measurement 5 x 3 s; the nine benchmarks take about 4 minutes per run.
# Build first: ./mvnw -q -B -o package -pl benchmarks -am -DskipTests
# Exit status: 0 when every target is met (quick mode: when all nine results are present), else 1.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
out="$here/target/durable-append"
quick=false
runs=1
jmh_extra=()

while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) quick=true; shift ;;
        --runs) runs="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --jar) jar="$2"; shift 2 ;;
        --) shift; jmh_extra=("$@"); break ;;
        *) echo "unknown option: $1 (see the header of $0)" >&2; exit 2 ;;
    esac
done

source "$here/jmh-suite.sh"
run_jmh_suite durable-append dev.lithair.benchmarks.DurableAppendBenchmark dev.lithair.benchmarks.DurableAppendReport 2s true
