#!/usr/bin/env bash
# Runs SpringLayerOverheadBenchmark (repository.save vs LithairStore.commit, repository.findById vs
# LithairStore.find, on one store in one minimal Spring Boot context, fsync=never and fsync=always)
# and prints each run's ratios Spring / engine and their medians against the 1.3x target.
#
# Usage: benchmarks/run-spring-overhead.sh [--quick] [--runs N] [--out DIR] [--jar JAR] [-- JMH options...]
#
#   --quick     CI smoke test (~1 minute): one 1 s iteration per benchmark, target not enforced.
#   --runs N    run the suite N times (default 3); the report takes the median of the per-run ratios.
#   --out DIR   where the JMH JSON files go (default benchmarks/target/spring-overhead).
#   --jar JAR   the benchmarks jar to run (default benchmarks/target/benchmarks.jar).
#   -- ...      passed to JMH after the defaults, e.g. -- -p fsync=never, or -- -prof gc.
#
# Defaults (the benchmark's annotations): 1 fork, warm-up 3 x 2 s, 5 x 2 s measured; ~3.5 min a run.
# Build first: ./mvnw -q -B -o package -pl benchmarks -am -DskipTests
# Exit status: 0 when both median ratios are within the target for fsync=never and always
# (quick mode: when every result is present), else 1.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
out="$here/target/spring-overhead"
quick=false
runs=3
jmh_extra=()

while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) quick=true; runs=1; shift ;;
        --runs) runs="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --jar) jar="$2"; shift 2 ;;
        --) shift; jmh_extra=("$@"); break ;;
        *) echo "unknown option: $1 (see the header of $0)" >&2; exit 2 ;;
    esac
done

source "$here/jmh-suite.sh"
run_jmh_suite spring-overhead dev.lithair.benchmarks.SpringLayerOverheadBenchmark dev.lithair.benchmarks.SpringLayerOverheadReport 1s false
