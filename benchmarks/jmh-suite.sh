# Sourced by the run-*.sh scripts: runs one JMH benchmark class N times from a copy of the jar and
# hands the JSON results to its report class. The caller sets jar, out, quick, runs and jmh_extra
# (its command-line options), then calls:
#
#   run_jmh_suite NAME BENCHMARK_CLASS REPORT_CLASS QUICK_MEASUREMENT PRINT_JMH_SUMMARY
#
#   NAME               prefix of the result and log files under $out
#   QUICK_MEASUREMENT  JMH's -r in --quick mode (one fork, one warm-up and one measured iteration)
#   PRINT_JMH_SUMMARY  true to echo JMH's own result table of each run
#
# Exits 2 when the jar is missing, 1 when JMH fails; otherwise with the report's status.

run_jmh_suite() {
    local name="$1" benchmark="$2" report="$3" quick_measurement="$4" print_summary="$5"
    if [[ ! -f "$jar" ]]; then
        echo "$jar not found; build it with: ./mvnw -q -B -o package -pl benchmarks -am -DskipTests" >&2
        exit 2
    fi
    local java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
    mkdir -p "$out"
    local stamp
    stamp="$(date +%Y%m%d-%H%M%S)"
    # JMH forks a JVM per benchmark from the jar: run a copy, so a rebuild meanwhile cannot mix versions.
    run_jar="$out/benchmarks-$stamp.jar"
    cp "$jar" "$run_jar"
    trap 'rm -f "$run_jar"' EXIT

    local mode_args=() report_args=()
    if $quick; then
        mode_args=(-f 1 -wi 1 -w 1s -i 1 -r "$quick_measurement")
        report_args=(--quick)
    fi

    local results=() run result log attempt status
    for ((run = 1; run <= runs; run++)); do
        result="$out/$name-$stamp-run$run.json"
        log="$out/$name-$stamp-run$run.log"
        echo "Run $run/$runs: JMH log in $log"
        # JMH refuses to start while another JMH run holds /tmp/jmh.lock: wait for it (they would
        # disturb each other's measurements), up to 30 minutes.
        for ((attempt = 1; ; attempt++)); do
            status=0
            "$java_bin" -jar "$run_jar" "$benchmark" \
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
        if $print_summary; then
            sed -n '/^Benchmark /,$p' "$log"
        fi
        results+=("$result")
    done

    "$java_bin" -cp "$run_jar" "$report" ${report_args[@]+"${report_args[@]}"} "${results[@]}"
}
