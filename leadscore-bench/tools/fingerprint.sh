#!/usr/bin/env bash
# Behaviour fingerprint of leadscore (see Fingerprint.java).
#
# usage: leadscore-bench/tools/fingerprint.sh JAR_DIR [--dump DIR] [--xeducation Leads.csv | --no-xeducation]
#                                             [--examples DIR]
#
# JAR_DIR holds either the shaded leadscore-bench.jar (everything inside; preferred) or the module
# jars leadscore-{core,rules,model,explain}-*.jar (tests/sources jars ignored); in the latter case
# jackson and ejml come from $FP_DEPS_CP if set, else from ~/.m2 at the versions in the root pom.
# --examples defaults to leadscore-bench/examples of the checkout this script is in, --xeducation to
# ../shared/data/xeducation-leads/Leads.csv beside it. Use it to prove a refactor changes nothing:
# run it on the jars built before and after and diff the outputs (tools/compare.py compares dumps).
# Prints "name sha256 count" per component on stdout; progress on stderr.
set -euo pipefail

if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  sed -n '2,11p' "$0" >&2
  exit 2
fi
jars=$(cd "$1" && pwd)
shift
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

if [ -f "$jars/leadscore-bench.jar" ]; then
  cp="$jars/leadscore-bench.jar"
else
  cp=""
  for m in core rules model explain; do
    j=$(ls "$jars"/leadscore-$m-*.jar 2>/dev/null | grep -v -e '-tests\.jar$' -e '-sources\.jar$' -e '-javadoc\.jar$' | head -n 1 || true)
    if [ -z "$j" ]; then
      echo "fingerprint.sh: no leadscore-bench.jar and no leadscore-$m jar in $jars" >&2
      exit 2
    fi
    cp="$cp${cp:+:}$j"
  done
  if [ -n "${FP_DEPS_CP:-}" ]; then
    cp="$cp:$FP_DEPS_CP"
  else
    m2="${M2_REPO:-$HOME/.m2/repository}"
    prop() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$root/pom.xml" | head -n 1; }
    jv=$(prop jackson.version)
    ev=$(prop ejml.version)
    jav=$(echo "$jv" | cut -d. -f1,2) # jackson-annotations is versioned 2.20, not 2.20.1
    deps=(
      "$m2/com/fasterxml/jackson/core/jackson-core/$jv/jackson-core-$jv.jar"
      "$m2/com/fasterxml/jackson/core/jackson-databind/$jv/jackson-databind-$jv.jar"
      "$m2/com/fasterxml/jackson/dataformat/jackson-dataformat-csv/$jv/jackson-dataformat-csv-$jv.jar"
    )
    a="$m2/com/fasterxml/jackson/core/jackson-annotations/$jav/jackson-annotations-$jav.jar"
    [ -f "$a" ] || a="$m2/com/fasterxml/jackson/core/jackson-annotations/$jv/jackson-annotations-$jv.jar"
    deps+=("$a")
    for e in ejml-core ejml-ddense ejml-simple ejml-fdense ejml-zdense ejml-cdense ejml-dsparse ejml-fsparse; do
      deps+=("$m2/org/ejml/$e/$ev/$e-$ev.jar")
    done
    for d in "${deps[@]}"; do
      if [ -f "$d" ]; then
        cp="$cp:$d"
      else
        echo "fingerprint.sh: warning: missing dependency $d (set FP_DEPS_CP)" >&2
      fi
    done
  fi
fi

has_examples=0
for a in "$@"; do [ "$a" = "--examples" ] && has_examples=1; done
extra=()
[ $has_examples = 1 ] || extra=(--examples "$root/leadscore-bench/examples")
# The X Education export sits in shared/ beside the work tree (never in the repository); a later
# --xeducation or --no-xeducation wins.
xed="$root/../shared/data/xeducation-leads/Leads.csv"
[ -f "$xed" ] && extra+=(--xeducation "$xed")

exec java -cp "$cp" "$here/Fingerprint.java" "${extra[@]}" "$@"
