#!/usr/bin/env bash
# Records how aws-local-stepfunctions 3 (the peer, every Task stubbed) runs each ASL definition of
# the shared corpus with input {}: tests/simulator/data/peer-runs.tsv, read by TestPeerAgreement.
#   usage: tests/simulator/data/record-peer-runs.sh [CORPUS_DIR] [OUT_TSV]
# Columns: path (relative to the corpus), peer_exit (0 succeeded, 2 failed, 3 rejected, 1 parse
# error, 124 timeout), peer_output (final output JSON on one line, or empty), peer_error (first
# line of stderr). Needs node, npm (first run installs the peer) and jq.
set -eu
repo=$(cd "$(dirname "$0")/../../.." && pwd)
corpus=${1:-${FLOWCAST_CORPUS:-$repo/../shared/corpus}}
out=${2:-$repo/tests/simulator/data/peer-runs.tsv}
peer=${FLOWCAST_PEER:-$(cd "$corpus/.." && pwd)/peers/peer}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo '{}' >"$tmp/input.json"

printf 'path\tpeer_exit\tpeer_output\tpeer_error\n' >"$tmp/out.tsv"
# MANIFEST.tsv: path, format, kind, ...; only json/yaml rows of kind asl.
tail -n +2 "$corpus/MANIFEST.tsv" | while IFS=$'\t' read -r path format kind _; do
    [ "$kind" = asl ] || continue
    [ "$format" = json ] || [ "$format" = yaml ] || continue
    code=0
    timeout 20 "$peer" run "$corpus/$path" "$tmp/input.json" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null \
        || code=$?
    output=''
    if [ "$code" = 0 ]; then output=$(jq -c . <"$tmp/stdout" 2>/dev/null || true); fi
    error=$(head -n 1 "$tmp/stderr" | tr '\t\r' '  ')
    printf '%s\t%s\t%s\t%s\n' "$path" "$code" "$output" "$error" >>"$tmp/out.tsv"
done
mv "$tmp/out.tsv" "$out"
echo "wrote $out ($(($(wc -l <"$out") - 1)) rows)"
