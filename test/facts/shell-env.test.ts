import { describe, it, expect } from 'vitest';
import { shellEnvProvider, unquoteShell } from '../../src/facts/providers/shell-env.js';
import { runProvider, type ProvidedFact } from './helpers.js';

const rows = (facts: ProvidedFact[]) => facts.map((f) => [f.key, f.value, f.origin.start.line, f.meta]);

const DEPLOY = [
  '#!/usr/bin/env bash', // 1
  '# Deploys the service. Needs $KUBECONFIG_PATH (comment: not a read).', // 2
  'set -euo pipefail', // 3
  '', // 4
  'SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"', // 5
  ': "${DEPLOY_ENV:?set DEPLOY_ENV to staging or production}"', // 6
  'IMAGE_TAG="${IMAGE_TAG:-$(git rev-parse --short HEAD)}"', // 7
  'REGISTRY=${REGISTRY:-ghcr.io/acme}', // 8
  'NAMESPACE="inventory-${DEPLOY_ENV}"', // 9
  'replicas=${replicas:-2}', // 10
  "echo 'Deploying $NOT_EXPANDED'", // 11
  'echo "Deploying ${REGISTRY}/inventory:${IMAGE_TAG} to $NAMESPACE" # $COMMENTED_OUT', // 12
  '', // 13
  'log() {', // 14
  '  local level=$1; shift', // 15
  '  echo "[$level] $* ${LOG_PREFIX:-deploy}" >&2', // 16
  '}', // 17
  '', // 18
  'for svc in api worker; do', // 19
  '  log info "restarting $svc in $KUBE_CONTEXT"', // 20
  'done', // 21
  '', // 22
  'while read -r key value; do', // 23
  '  echo "$key=$value"', // 24
  'done < "${CONFIG_FILE:-config/${DEPLOY_ENV}.env}"', // 25
  '', // 26
  'cat <<EOF > "$SCRIPT_DIR/values.yaml"', // 27
  'port: ${HTTP_PORT:-8080}', // 28
  'database: $DATABASE_URL', // 29
  'EOF', // 30
  "cat <<'EOF'", // 31
  'Run with $QUOTED_HEREDOC to skip', // 32
  'EOF', // 33
  'if [[ -n "${SLACK_WEBHOOK_URL:-}" ]]; then', // 34
  '  curl -fsS -X POST -d "{\\"text\\": \\"deployed $IMAGE_TAG\\"}" "$SLACK_WEBHOOK_URL"', // 35
  'fi', // 36
  'kubectl --context "$KUBE_CONTEXT" -n "$NAMESPACE" rollout restart deploy/api', // 37
  'echo "$HOME $PATH $1 $@ $# ${10} $RANDOM $?"', // 38
].join('\n');

describe('shell-env provider', () => {
  it('reads what a deploy script takes from the environment, with defaults and required markers', () => {
    const run = runProvider(shellEnvProvider, 'scripts/deploy.sh', DEPLOY);
    expect(run.problems).toEqual([]);
    expect(rows(run.of('env-var'))).toEqual([
      ['DEPLOY_ENV', undefined, 6, { via: 'shell', required: true }],
      ['IMAGE_TAG', '$(git rev-parse --short HEAD)', 7, { via: 'shell', computed: true }],
      ['REGISTRY', 'ghcr.io/acme', 8, { via: 'shell' }],
      // Lower-case, but read with a default: it may come from the environment.
      ['replicas', '2', 10, { via: 'shell' }],
      ['LOG_PREFIX', 'deploy', 16, { via: 'shell' }],
      ['KUBE_CONTEXT', undefined, 20, { via: 'shell' }],
      ['CONFIG_FILE', 'config/${DEPLOY_ENV}.env', 25, { via: 'shell', computed: true }],
      ['HTTP_PORT', '8080', 28, { via: 'shell' }],
      ['DATABASE_URL', undefined, 29, { via: 'shell' }],
      ['SLACK_WEBHOOK_URL', undefined, 34, { via: 'shell' }],
    ]);
    expect(run.of('env-var')[0]?.origin.start.column).toBe(4);
  });

  it('skips what the script assigns first, locals, loop and read variables', () => {
    const text = [
      '#!/bin/sh',
      'build() {',
      '  local target out',
      '  target="$1"',
      '  out="$OUTPUT_DIR/$target"', // global, assigned below
      '  echo "$out $BUILD_FLAGS"',
      '}',
      'OUTPUT_DIR=dist',
      'while getopts "vo:" opt; do',
      '  case $opt in',
      '    v) VERBOSE=1 ;;',
      '    o) OUTPUT_DIR="$OPTARG" ;;',
      '  esac',
      'done',
      'echo "$VERBOSE"',
      'read -r -p "Tag? " TAG',
      'printf -v STAMP "%s" "$(date +%s)"',
      'mapfile -t TARGETS < <(ls "$SRC_DIR")',
      'export CHANNEL=stable',
      'for T in "${TARGETS[@]}"; do build "$T" "$TAG" "$STAMP" "$CHANNEL"; done',
      'target=$target_from_env',
      'echo "${target} ${lower_unset}"',
    ].join('\n');
    const run = runProvider(shellEnvProvider, 'bin/build', text);
    expect(rows(run.of('env-var'))).toEqual([
      ['BUILD_FLAGS', undefined, 6, { via: 'shell' }],
      ['SRC_DIR', undefined, 18, { via: 'shell' }],
    ]);
  });

  it('reads expansions inside command substitutions, arithmetic, backticks and case, not quotes or comments', () => {
    const text = [
      'mode=$(case "$RUN_MODE" in',
      '  fast) echo f ;;',
      '  (slow) echo s ;;',
      'esac)',
      'echo "${mode}" `hostname -s`.$DOMAIN_SUFFIX \\$ESCAPED "\\$ESCAPED_TOO"',
      'total=$(( RETRIES + ${MAX_RETRIES:-3} ))',
      'echo "${MSG:-it\'s fine}" $AFTER_APOSTROPHE',
      "echo $'\\t$ANSI' \"${!INDIRECT_NAME}\" \"${!PREFIX_*}\" ${#TOKEN}",
      'cat <<-EOT; cat <<"X"',
      '\tindented $TABBED_HEREDOC',
      '\tEOT',
      '$NOT_IN_QUOTED_HEREDOC',
      'X',
      'echo "${NESTED:-${INNER:-x}}" # ${COMMENT}',
      'ARR=(one "$ARR_ITEM" # a comment with $NOPE',
      '  three)',
      'echo "${ARR[@]}" 2>&1 >/dev/null',
    ].join('\n');
    const run = runProvider(shellEnvProvider, 'tools/run.sh', text);
    expect(run.of('env-var').map((f) => [f.key, f.value])).toEqual([
      ['RUN_MODE', undefined],
      ['DOMAIN_SUFFIX', undefined],
      ['MAX_RETRIES', '3'],
      ['MSG', "it's fine"],
      ['AFTER_APOSTROPHE', undefined],
      ['INDIRECT_NAME', undefined],
      ['TOKEN', undefined],
      ['TABBED_HEREDOC', undefined],
      ['NESTED', '${INNER:-x}'],
      ['INNER', 'x'],
      ['ARR_ITEM', undefined],
    ]);
  });

  it('reads env files: exports define variables, set -a exports assignments', () => {
    const text = [
      '# . ./prod.env.sh before deploying',
      'export INVENTORY_DB_URL="postgres://inventory@db:5432/inventory"',
      'export INVENTORY_PORT=8080',
      'export LOG_LEVEL="${LOG_LEVEL:-info}"',
      'REGION=eu-west-1',
      'export REGION',
      'set -a',
      "CACHE_TTL='30s'",
      'set +a',
      'LOCAL_ONLY=1',
    ].join('\n');
    const run = runProvider(shellEnvProvider, 'deploy/prod.env.sh', text);
    expect(rows(run.of('env-var'))).toEqual([
      ['INVENTORY_DB_URL', 'postgres://inventory@db:5432/inventory', 2, { via: 'export', role: 'env' }],
      ['INVENTORY_PORT', '8080', 3, { via: 'export', role: 'env' }],
      ['LOG_LEVEL', 'info', 4, { via: 'shell' }],
      ['REGION', 'eu-west-1', 5, { via: 'export', role: 'env' }],
      ['CACHE_TTL', '30s', 8, { via: 'export', role: 'env' }],
    ]);
    // The same exports in an ordinary script are the script's own variables.
    expect(runProvider(shellEnvProvider, 'scripts/deploy.sh', text).keys('env-var')).toEqual(['LOG_LEVEL']);
  });

  it('chooses scripts by extension, or by shebang under scripts/ and bin/, never tests', () => {
    for (const p of ['deploy.sh', 'ops/backup.bash', 'scripts/release', 'bin/inventoryctl', 'docker-entrypoint.sh']) expect(shellEnvProvider.matches(p), p).toBe(true);
    for (const p of ['test/e2e.sh', 'scripts/tests/run.sh', 'test_deploy.sh', 'deploy_test.sh', 'node_modules/x/install.sh', 'vendor/a/b.sh', 'scripts/seed.py', 'src/main', 'Makefile', '.venv/bin/python', 'target/bin/app']) {
      expect(shellEnvProvider.matches(p), p).toBe(false);
    }
    expect(runProvider(shellEnvProvider, 'bin/tool', '#!/usr/bin/env python3\nimport os\nprint("$NOT_SHELL")\n').facts).toEqual([]);
    expect(runProvider(shellEnvProvider, 'bin/tool', '#!/bin/bash -e\necho "$API_URL"\n').keys('env-var')).toEqual(['API_URL']);
  });

  it('removes shell quoting from defaults', () => {
    expect(unquoteShell(`"a b"'c d'\\$x`)).toBe('a bc d$x');
    expect(unquoteShell(`'a'\\q`, true)).toBe(`'a'\\q`);
  });
});
