#!/usr/bin/env bash
# Builds the libFuzzer targets (build/fuzz: clang, ASan + UBSan; see tests/fuzz/CMakeLists.txt)
# and runs each one for SECONDS (first argument, default 600): `make test` runs 20 s each,
# `make fuzz` FUZZ_SECONDS each. Prints per target the executions, executions per second, new
# corpus inputs and findings; exits 1 when any target found a crash, a sanitizer report, a
# leak, a timeout (> 10 s for one input) or an out-of-memory.
#   Crash inputs:     build/fuzz/artifacts/<target>/  (replay: build/fuzz/tests/fuzz/<target> FILE)
#   Grown corpus:     build/fuzz/corpus/<target>/     (the committed seeds in tests/fuzz/corpus/ are
#                                                      read, never written)
#   Full output:      build/fuzz/logs/<target>.log
# FUZZ_FLAGS adds libFuzzer flags to every run (e.g. FUZZ_FLAGS=-max_len=1048576); JOBS the build's.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-600}
BUILD=build/fuzz
JOBS=${JOBS:-$(nproc)}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

CC=clang CXX=clang++ cmake -S . -B $BUILD -DSPOC_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build $BUILD -j"$JOBS" --target fuzz_targets

# The value of libFuzzer's final "stat::NAME: VALUE" line, or "?".
final_stat() { grep -m1 -oP "^stat::$1:\s*\K\S+" "$2" || echo "?"; }

failed=0
while IFS=$'\t' read -r name binary seeds dict options; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  corpus=$BUILD/corpus/$name artifacts=$BUILD/artifacts/$name log=$BUILD/logs/$name.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  args=(-max_total_time="$SECONDS_EACH" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048
        -artifact_prefix="$artifacts/")
  [ "$dict" != "-" ] && args+=(-dict="$dict")
  # shellcheck disable=SC2206  # options are space-separated flags without spaces inside
  args+=($options ${FUZZ_FLAGS:-})
  echo "fuzz: $name for ${SECONDS_EACH}s (log: $log)"
  # New inputs go to the first corpus folder; the seeds are read only.
  set +e
  "$binary" "${args[@]}" "$corpus" "$seeds" > "$log" 2>&1
  rc=$?
  set -e
  printf 'fuzz: %s: %s executions, %s exec/s, %s new inputs (corpus %s files), peak RSS %s MB\n' "$name" \
    "$(final_stat number_of_executed_units "$log")" "$(final_stat average_exec_per_sec "$log")" \
    "$(final_stat new_units_added "$log")" "$(find "$corpus" -type f | wc -l)" "$(final_stat peak_rss_mb "$log")"
  if [ $rc -ne 0 ]; then
    failed=1
    echo "fuzz: $name: FINDING (exit $rc):"
    # The sanitizer's or libFuzzer's report, from its first line to its SUMMARY (at most 60
    # lines), then where the input was written.
    awk '/^==[0-9]+==.*ERROR|runtime error:|property broken|^ALARM|out-of-memory/ { on = 1 }
         on && n++ < 60 { print } /^SUMMARY:/ && on { exit }' "$log"
    grep -E 'Test unit written to|^Base64:' "$log" | sort -u
  else
    echo "fuzz: $name: no findings"
    # libFuzzer adds files but never removes the ones that newer inputs made redundant:
    # keep the grown corpus to the inputs that still add coverage.
    if [ "$(find "$corpus" -type f | wc -l)" -gt 2000 ]; then
      rm -rf "$corpus.merged" && mkdir "$corpus.merged"
      # shellcheck disable=SC2086
      if "$binary" -merge=1 $options "$corpus.merged" "$corpus" > "$log.merge" 2>&1; then
        rm -rf "$corpus" && mv "$corpus.merged" "$corpus"
      else
        rm -rf "$corpus.merged"
      fi
    fi
  fi
done < $BUILD/fuzz_targets.txt

exit $failed
