#!/usr/bin/env bash
# Records how aws-local-stepfunctions 3 (the peer, every Task stubbed) runs each ASL definition of
# the shared corpus with input {} and Flowcast's Context Object (peer-context.json), through
# run-peer.cjs: tests/simulator/data/peer-runs.tsv, read by TestPeerAgreement.
#   usage: tests/simulator/data/record-peer-runs.sh [CORPUS_DIR] [OUT_TSV]
# Columns: path (relative to the corpus), peer_exit (0 succeeded, 2 failed or timed out,
# 3 rejected, 1 parse error, 4 library crash, 124 stopped by the time limit), peer_output (final
# output JSON on one line, or empty), peer_error (first line of stderr). Needs node, npm (the
# shared peer script installs the library on first use) and jq.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
corpus=${1:-${FLOWCAST_CORPUS:-$repo/../shared/corpus}}
out=${2:-$repo/tests/simulator/data/peer-runs.tsv}
peer=${FLOWCAST_PEER:-$(cd "$corpus/.." && pwd)/peers/peer}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo '{}' >"$tmp/input.json"
# One run through the shared script installs the library (into $FLOWCAST_PEERS_DIR or
# ~/.cache/flowcast-peers, where run-peer.cjs looks for it) and shows that it runs.
echo '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}' >"$tmp/probe.json"
"$peer" run "$tmp/probe.json" "$tmp/input.json" >/dev/null || {
    echo "record-peer-runs: $peer could not install or run aws-local-stepfunctions" >&2
    exit 1
}

printf 'path\tpeer_exit\tpeer_output\tpeer_error\n' >"$tmp/out.tsv"
# MANIFEST.tsv: path, format, kind, ...; only json/yaml rows of kind asl.
tail -n +2 "$corpus/MANIFEST.tsv" | while IFS=$'\t' read -r path format kind _; do
    [ "$kind" = asl ] || continue
    [ "$format" = json ] || [ "$format" = yaml ] || continue
    code=0
    timeout 20 node "$here/run-peer.cjs" "$corpus/$path" "$tmp/input.json" \
        --context "$here/peer-context.json" >"$tmp/stdout" 2>"$tmp/stderr" </dev/null || code=$?
    output=''
    if [ "$code" = 0 ]; then output=$(jq -c . <"$tmp/stdout" 2>/dev/null || true); fi
    error=$(head -n 1 "$tmp/stderr" | tr '\t\r' '  ')
    printf '%s\t%s\t%s\t%s\n' "$path" "$code" "$output" "$error" >>"$tmp/out.tsv"
done
mv "$tmp/out.tsv" "$out"
echo "wrote $out ($(($(wc -l <"$out") - 1)) rows)"
