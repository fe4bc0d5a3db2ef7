#!/usr/bin/env bash
# Runs leadscore's whole JMH suite and summarises it into leadscore-bench/RESULTS.md.
#
#   leadscore-bench/run-benchmarks.sh [--short] [--rebuild] [extra JMH options...]
#
#   (default)  full mode: every benchmark with the forks/iterations of its annotations
#              (2 forks x 4 warm-up + 6 measured 1 s iterations for the ns-scale paths;
#              single-shot fits with 2 warm-up + 5 measured fits, shapes up to 10^6 x 33)
#   --short    -f 1 -wi 2 -i 3 -w 1 -r 1, no 10^6-row fits, extraction of all features only and
#              no HotSpotBenchmark or PredictabilityBenchmark (the investigations): about 6
#              minutes on 2 cores
#              (both modes run RealExportBenchmark on the X Education export if it is found at
#              ../shared/data/xeducation-leads/Leads.csv next to the repository, or at
#              $LEADSCORE_XEDUCATION_CSV; otherwise it is skipped with a message)
#   --rebuild  rebuild the shaded jar even if it exists (set LEADSCORE_MVN_OFFLINE=1 to add -o)
#   --summarise-only  skip JMH; redo the coefficient comparison and the summary from the existing
#              target/jmh-results.json (give --short too if that run was a short one)
#
# Steps: build leadscore-bench/target/leadscore-bench.jar if it is missing; run JMH with the GC
# profiler (bytes allocated per operation) into leadscore-bench/target/jmh-results.json; fit every
# library once more, untimed, to compare coefficients (target/peer-agreement.md); if Debian's
# python3-sklearn is there, time scikit-learn on the same data with shared/reference/sklearn_ref.py
# (target/sklearn/); then write the
# markdown table (target/jmh-summary.md) and splice it into RESULTS.md between its GENERATED
# markers, with the machine, the date and the commands.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/leadscore-bench.jar"
out="$here/target"
mode=full
rebuild=no
summarise_only=no
extra=()
for a in "$@"; do
  case "$a" in
    --short) mode=short ;;
    --rebuild) rebuild=yes ;;
    --summarise-only) summarise_only=yes ;;
    *) extra+=("$a") ;;
  esac
done

if [[ ! -f "$jar" || "$rebuild" == yes ]]; then
  offline=()
  [[ "${LEADSCORE_MVN_OFFLINE:-0}" == 1 ]] && offline=(-o)
  echo "building $jar" >&2
  (cd "$root" && mvn -B -ntp -q "${offline[@]}" -pl leadscore-bench -am -DskipTests package)
fi
mkdir -p "$out"
# Run from a private copy: a rebuild of target/leadscore-bench.jar during the run (other work in the
# same tree) must not change the code of forks started later.
snap="$(mktemp -d)"
trap 'rm -rf "$snap"' EXIT
cp "$jar" "$snap/leadscore-bench.jar"
run_jar="$snap/leadscore-bench.jar"

results="$out/jmh-results.json"
jmh=(-rf json -rff "$results" -prof gc)
if [[ "$mode" == short ]]; then
  # the investigation benchmarks (per feature kind, HotSpotBenchmark, PredictabilityBenchmark) only run in full mode
  jmh+=(-f 1 -wi 2 -i 3 -w 1 -r 1 -p shape=10000x33,100000x33,100000x200 -p kind=all -e 'HotSpotBenchmark|PredictabilityBenchmark')
  shapes=(10000x33 100000x33 100000x200)
  sk_shapes=100000x33
else
  shapes=(10000x33 100000x33 1000000x33 100000x200)
  sk_shapes=100000x33,100000x200
fi
# RealExportBenchmark scores the real X Education export, which is not in the repository (its licence
# is unclear): it runs, in both modes, only when the file is there (or LEADSCORE_XEDUCATION_CSV names it).
xeducation="${LEADSCORE_XEDUCATION_CSV:-$root/../shared/data/xeducation-leads/Leads.csv}"
if [[ -f "$xeducation" ]]; then
  xeducation="$(cd "$(dirname "$xeducation")" && pwd)/$(basename "$xeducation")"
  jmh+=(-p "data=$xeducation")
else
  jmh+=(-e 'RealExportBenchmark')
  if [[ "$summarise_only" == no ]]; then
    echo "RealExportBenchmark skipped: no X Education export at $xeducation" \
      "(set LEADSCORE_XEDUCATION_CSV=/path/to/Leads.csv)" >&2
  fi
fi
jmh+=("${extra[@]+"${extra[@]}"}")
jmh+=('dev\.leadscore\.bench\.jmh\..*')

load_before="$(uptime)"
started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
t0=$(date +%s)
echo "+ java -cp leadscore-bench.jar org.openjdk.jmh.Main ${jmh[*]}" >&2
if [[ "$summarise_only" == no ]]; then
  java -cp "$run_jar" org.openjdk.jmh.Main "${jmh[@]}"
fi
t1=$(date +%s)
rm -rf "$out/sklearn"
java -cp "$run_jar" dev.leadscore.bench.jmh.PeerAgreement "$out/peer-agreement.md" --dump "$out/sklearn" "$sk_shapes" \
  "${shapes[@]}" 2> "$out/peer-agreement.log"
# scikit-learn on the same data (optional: needs Debian's python3-sklearn and shared/reference).
sk_ref="${SKLEARN_REF:-$root/../shared/reference/sklearn_ref.py}"
if [[ -f "$sk_ref" ]] && /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  for s in ${sk_shapes//,/ }; do
    echo "+ /usr/bin/python3 $sk_ref $s.csv label 1.0 --skip-cv --skip-calib" >&2
    /usr/bin/python3 "$sk_ref" "$out/sklearn/$s.csv" label 1.0 --skip-cv --skip-calib --fit-repeats 5 \
      --latency-calls 1000 --json-out "$out/sklearn/$s.sklearn.json" --ref-coef-out "$out/sklearn/$s.sklearn-coef.txt" \
      > /dev/null 2> "$out/sklearn/$s.log" || echo "scikit-learn failed on $s (see $out/sklearn/$s.log)" >&2
    rm -f "$out/sklearn/$s.csv"
  done
else
  echo "scikit-learn comparison skipped: no $sk_ref or no /usr/bin/python3 with sklearn" >&2
fi
load_after="$(uptime)"

# The results directory and the export's path are this machine's: keep them out of RESULTS.md.
shown_jmh="${jmh[*]}"
shown_jmh="${shown_jmh//$root\//}"
[[ -n "${xeducation:-}" ]] && shown_jmh="${shown_jmh//$xeducation/\$LEADSCORE_XEDUCATION_CSV}"
{
  echo "### Run"
  echo
  echo "- date: $started (UTC), mode **$mode**, $([[ "$summarise_only" == yes ]] && echo "JMH results reused from $(date -u -r "$results" +%Y-%m-%dT%H:%M:%SZ)" || echo "JMH part took $(( (t1 - t0) / 60 )) min $(( (t1 - t0) % 60 )) s")"
  echo "- machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, $(uname -sr)"
  echo "- JDK: $(java -version 2>&1 | head -2 | tr '\n' ' ')"
  echo "- load (uptime) before: \`${load_before##*load average: }\`, after: \`${load_after##*load average: }\` (1, 5, 15 min)"
  echo "- command: \`leadscore-bench/run-benchmarks.sh $*\` = \`java -cp leadscore-bench/target/leadscore-bench.jar org.openjdk.jmh.Main ${shown_jmh}\`, then \`java -cp ... dev.leadscore.bench.jmh.PeerAgreement target/peer-agreement.md ${shapes[*]}\` and \`... dev.leadscore.bench.jmh.Summarise\`"
  echo
} > "$out/machine.md"

java -cp "$run_jar" dev.leadscore.bench.jmh.Summarise "$results" "$out/jmh-summary.md" \
  --header "$out/machine.md" --agreement "$out/peer-agreement.md" --sklearn "$out/sklearn" \
  --results "$here/RESULTS.md" > /dev/null
echo "wrote $out/jmh-summary.md and updated $here/RESULTS.md" >&2
