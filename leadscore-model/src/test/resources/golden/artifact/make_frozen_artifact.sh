#!/usr/bin/env bash
# Writes the frozen golden artifact (model-v1.json, leads.ndjson, scores.tsv) beside this script
# with dev.leadscore.model.golden.FrozenArtifact. Run once per artifact format version, from any
# directory; FrozenArtifactTest then checks on every build that later versions read and score it
# to the bit. Do not re-run it to make a failing build pass. With --scores-only it rewrites only
# scores.tsv from the committed artifact and leads, for a deliberate change of what a score shows
# (reason wording, the version a score carries); the artifact itself is never rewritten then.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../../../../.." && pwd)
cd "$root"
mvn -B -q -DskipTests package
java -cp leadscore-bench/target/leadscore-bench.jar:leadscore-model/target/test-classes \
  dev.leadscore.model.golden.FrozenArtifact "$here" "$@"
