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

if [[ ! -f "$jar" ]]; then
    echo "$jar not found; build it with: ./mvnw -q -B -o package -pl benchmarks -am -DskipTests" >&2
    exit 2
fi
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mkdir -p "$out"
stamp="$(date +%Y%m%d-%H%M%S)"
# JMH forks a JVM per benchmark from the jar: run a copy, so a rebuild meanwhile cannot mix versions.
run_jar="$out/benchmarks-$stamp.jar"
cp "$jar" "$run_jar"
trap 'rm -f "$run_jar"' EXIT

mode_args=()
report_args=()
if $quick; then
    mode_args=(-f 1 -wi 1 -w 1s -i 1 -r 1s)
    report_args=(--quick)
fi

results=()
for ((run = 1; run <= runs; run++)); do
    result="$out/spring-overhead-$stamp-run$run.json"
    log="$out/spring-overhead-$stamp-run$run.log"
    echo "Run $run/$runs: JMH log in $log"
    # Wait for another JMH run holding /tmp/jmh.lock (they would disturb each other), up to 30 minutes.
    for ((attempt = 1; ; attempt++)); do
        status=0
        "$java_bin" -jar "$run_jar" 'dev.lithair.benchmarks.SpringLayerOverheadBenchmark' \
            ${mode_args[@]+"${mode_args[@]}"} ${jmh_extra[@]+"${jmh_extra[@]}"} \
            -rf json -rff "$result" > "$log" 2>&1 || status=$?
        if grep -q 'Another JMH instance might be running' "$log" && ((attempt < 180)); then
            ((attempt == 1)) && echo "Another JMH run holds /tmp/jmh.lock; waiting for it..."
            sleep 10
            continue
        fi
        break
    done
    if ((status != 0)); then
        echo "JMH failed; last lines of $log:" >&2
        tail -n 40 "$log" >&2
        exit 1
    fi
    results+=("$result")
done

"$java_bin" -cp "$run_jar" dev.lithair.benchmarks.SpringLayerOverheadReport ${report_args[@]+"${report_args[@]}"} "${results[@]}"
