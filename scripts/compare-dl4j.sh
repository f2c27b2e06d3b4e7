#!/usr/bin/env bash
# compare-dl4j.sh — run the quick regression set under several DL4J versions and write ONE table of
# test accuracy per version (dl4j-versions.md / .json).
#
# For each version the checkout (working tree, without target/ and results/ except results/baselines)
# is copied to WORK/<version>, so the main build's target/ is never touched and every version has its
# own build output and its own JVM. In each copy it:
#   1. builds everything with the version's Maven profile (-DskipTests): the Goliath side and all that
#      depends on it (runner, sweeps, regress, cli, bench) must compile against that DL4J;
#   2. runs the Goliath module's tests (dev.dvg.dl4j.**) under that DL4J  [skip with --no-tests];
#   3. runs `dvg regress --budget quick` against results/baselines (made with the default DL4J).
# A version whose build, tests or run fails is reported in the table with the first error line.
#
# Usage: scripts/compare-dl4j.sh [--versions "1.0.0-M2.1 1.0.0-M2 1.0.0-M1.1"] [--work DIR] [--out DIR]
#                                [--no-tests] [--digits FILE] [EXPERIMENT...]
#   EXPERIMENT  experiments to run (default: all of experiments/)
#   --work      where the copies go (default: /tmp/dvg-dl4j)
#   --out       where the table goes (default: WORK/table)
#   --reuse     keep an existing copy and its build (WORK/<version> with a built CLI) instead of copying
#               and building again; only results/baselines is refreshed
#   --digits    20x20 digits for digits20-mlp25 (default: $DVG_DIGITS, else ../shared/data/opencv-digits/digits.png if present)
# Versions map to profiles of the parent POM: 1.0.0-M2.1 = default, 1.0.0-M2 = -Pdl4j-M2, 1.0.0-M1.1 = -Pdl4j-M1.1.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
versions="1.0.0-M2.1 1.0.0-M2 1.0.0-M1.1"
work=/tmp/dvg-dl4j
out=""
tests=1
reuse=0
digits="${DVG_DIGITS:-}"
[[ -z "$digits" && -f "$root/../shared/data/opencv-digits/digits.png" ]] && digits="$root/../shared/data/opencv-digits/digits.png"
experiments=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --versions) versions="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --no-tests) tests=0; shift ;;
    --reuse) reuse=1; shift ;;
    --digits) digits="$2"; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    -*) echo "compare-dl4j: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) experiments+=("$1"); shift ;;
  esac
done
out="${out:-$work/table}"
mkdir -p "$work" "$out"
# surefire reads the shared data at <checkout>/../shared/data: give the copies the same neighbour
[[ -d "$root/../shared" && ! -e "$work/shared" ]] && ln -s "$(cd "$root/../shared" && pwd)" "$work/shared"

profile_of() {
  case "$1" in
    1.0.0-M2.1) echo "" ;;
    1.0.0-M2) echo "-Pdl4j-M2" ;;
    1.0.0-M1.1) echo "-Pdl4j-M1.1" ;;
    *) echo "-Ddl4j.version=$1" ;;   # untested versions: openblas/javacpp stay at the default's
  esac
}

# first line that explains a failed Maven build or run
first_error() {
  grep -m1 -E '^\[ERROR\] .*(\.java:\[|Could not|Failed to execute|Tests run:.*(Failures: [1-9]|Errors: [1-9]))|UnsatisfiedLinkError|NoSuchMethodError|NoClassDefFoundError|Exception in thread' "$1" \
    | sed 's/^\[ERROR\] //' | cut -c1-400
}

jsons=()
failed=()
for v in $versions; do
  copy="$work/$v"
  log="$work/$v.log"
  : > "$log"
  echo "== DL4J $v -> $copy (log: $log)"
  profile="$(profile_of "$v")"
  if [[ $reuse == 1 && -f "$copy/modules/cli/target/dvg-cli.jar" ]]; then
    echo "   reusing the build in $copy"
    rm -rf "$copy/results/baselines" && mkdir -p "$copy/results" && cp -r "$root/results/baselines" "$copy/results/"
  else
    rm -rf "$copy" && mkdir -p "$copy"
    (cd "$root" && tar cf - --exclude='./results' --exclude='*/target' . ) | tar xf - -C "$copy"
    mkdir -p "$copy/results" && cp -r "$root/results/baselines" "$copy/results/"
    start=$(date +%s)
    # shellcheck disable=SC2086
    if ! (cd "$copy" && ./mvnw -B -ntp $profile -pl modules/cli,modules/regress,modules/bench -am package -DskipTests) >>"$log" 2>&1; then
      reason="build failed: $(first_error "$log")"
      echo "   $reason"; failed+=("--dl4j-failed" "$v=$reason"); continue
    fi
    echo "   build ok ($(( $(date +%s) - start )) s)"
  fi
  # the launcher must not rebuild this copy without the profile
  touch "$copy/modules/cli/target/dvg-cli.jar"
  if [[ $tests == 1 ]]; then
    start=$(date +%s)
    # shellcheck disable=SC2086
    if ! (cd "$copy" && ./mvnw -B -ntp -o $profile -pl modules/dl4j -am test -Dtest='dev.dvg.dl4j.**' \
          -Dsurefire.failIfNoSpecifiedTests=false) >>"$log" 2>&1; then
      reason="Goliath tests failed: $(first_error "$log")"
      echo "   $reason"; failed+=("--dl4j-failed" "$v=$reason"); continue
    fi
    echo "   Goliath tests ok ($(( $(date +%s) - start )) s): $(grep -E 'Tests run: [0-9]+, Fail' "$log" | tail -1 | sed 's/\[INFO\] //')"
    touch "$copy/modules/cli/target/dvg-cli.jar"
  fi
  start=$(date +%s)
  args=(regress --budget quick --out "$work/$v-regress")
  [[ -n "$digits" ]] && args+=(--digits "$digits")
  (cd "$copy" && ./dvg "${args[@]}" "${experiments[@]}") >>"$log" 2>&1
  rc=$?
  if [[ ! -f "$work/$v-regress/regress.json" ]]; then
    reason="dvg regress wrote no regress.json (exit $rc): $(first_error "$log")"
    echo "   $reason"; failed+=("--dl4j-failed" "$v=$reason"); continue
  fi
  echo "   regress exit $rc ($(( $(date +%s) - start )) s)"
  jsons+=("$work/$v-regress/regress.json")
done

if [[ ${#jsons[@]} -eq 0 ]]; then
  echo "compare-dl4j: no version ran; see $work/*.log" >&2
  printf '%s\n' "${failed[@]}" >&2
  exit 1
fi
# the table is written by the first version's build of this checkout
first_copy="$work/$(basename "$(dirname "${jsons[0]}")" | sed 's/-regress$//')"
(cd "$first_copy" && ./dvg regress --dl4j-table "${jsons[@]}" "${failed[@]}" --out "$out")
