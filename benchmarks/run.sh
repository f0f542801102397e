#!/usr/bin/env bash
# The comparison harness: every workload (durable writes, reads, history, restart, memory, HTTP) on
# every system (Lithair for Spring, Spring Data JPA on H2 and on PostgreSQL, EclipseStore, Axon
# Framework 4.13, the machine's physical limits), each measurement in a fresh child JVM, medians of 3 runs. Writes
# benchmarks/results/<date>.md and <date>.png (the chart).
#
# Usage: benchmarks/run.sh [--quick] [--runs N] [--only writes,reads,history,restart,http] [--systems s1,s2]
#
#   (default)   the full run: 19 min 37 s measured on 2 shared cores (2026-11-27, load 0.7 to 6.4), every
#               system x workload, medians of 3 runs.
#   --quick     CI's smoke test, under 3 minutes: every workload on every system with tiny sizes and
#               one run, so the harness cannot rot; writes results/<date>-quick.md, figures not meant
#               to be read. Also runs the quick modes of the benchmarks the harness does not cover
#               (run-durable-append.sh, run-spring-overhead.sh at fsync=never, SnapshotHeap, RestartTime and
#               BackupUnderLoad on 20,000 entities); the harness's reads and memory workloads cover IndexLookupBenchmark's findById
#               and MemoryFootprint.
#   --runs N    repetitions of each measurement (default 3, quick 1).
#   --only ...  a subset of the workloads (memory is measured by reads).
#   --systems . a subset of the systems (lithair-always, lithair-batch, jpa-h2, jpa-postgres, eclipsestore,
#               axon, physical-limit).
#
# Nothing to install by hand: PostgreSQL comes as a Maven artifact (zonky embedded-postgres); wrk
# (the HTTP load generator) is installed with apt-get when missing and possible, otherwise the HTTP
# cells say n/a. Builds the benchmarks jar when it is missing.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$here/target/benchmarks.jar"
quick=false
harness_args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) quick=true; harness_args+=(--quick); shift ;;
        --runs|--only|--systems) harness_args+=("$1" "$2"); shift 2 ;;
        *) echo "unknown option: $1 (see the header of $0)" >&2; exit 2 ;;
    esac
done

if [[ ! -f "$jar" ]]; then
    (cd "$root" && ./mvnw -q -B package -pl benchmarks -am -DskipTests)
fi
if ! command -v wrk > /dev/null && [[ "$(id -u)" == 0 ]] && command -v apt-get > /dev/null; then
    apt-get install -y -q wrk > /dev/null 2>&1 || echo "could not install wrk: the HTTP cells will say n/a"
fi
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
work="$here/target/harness"
mkdir -p "$work"
# A copy of the jar, so that a rebuild during the run cannot mix versions in the child processes.
run_jar="$work/benchmarks-$(date +%Y%m%d-%H%M%S).jar"
cp "$jar" "$run_jar"
trap 'rm -f "$run_jar"' EXIT

cd "$root"
"$java_bin" -Djava.awt.headless=true -cp "$run_jar" dev.lithair.benchmarks.harness.HarnessRunner \
    --out "$here/results" --work "$work" ${harness_args[@]+"${harness_args[@]}"}

if $quick; then
    echo "== micro-benchmarks, quick mode"
    bash "$here/run-durable-append.sh" --quick --jar "$run_jar"
    bash "$here/run-spring-overhead.sh" --quick --jar "$run_jar" -- -p fsync=never
    echo "== snapshot heap, quick mode"
    "$java_bin" -cp "$run_jar" dev.lithair.benchmarks.SnapshotHeap --entities 20000 --runs 1 --heap 512m
    echo "== restart by replay, from a snapshot and the plain-file floor, quick mode"
    "$java_bin" -cp "$run_jar" dev.lithair.benchmarks.RestartTime --events 20000 --tail 1000 --runs 1 --heap 512m
    echo "== writes during online backups, quick mode"
    "$java_bin" -Xmx512m -cp "$run_jar" dev.lithair.benchmarks.BackupUnderLoad --entities 20000 --runs 1 \
        --window-seconds 1
fi
