import { describe, expect, it } from 'vitest';
import { tokenizeShell } from '../../src/extract/shell.js';
import { claimsFromShell } from '../../src/extract/commands.js';

describe('tokenizeShell', () => {
  it('splits lists, joins continuations and keeps positions', () => {
    const code = 'export ACME_REGION=eu \\\n  ACME_ENV=prod\nnpm run build && make -C service deploy > out.log\n';
    const s = tokenizeShell(code, 10);
    expect(s.commands.map((c) => c.argv.map((w) => w.text))).toEqual([[], ['npm', 'run', 'build'], ['make', '-C', 'service', 'deploy']]);
    expect(s.commands[0]?.assignments.map((w) => [w.text, w.line])).toEqual([['ACME_REGION=eu', 10], ['ACME_ENV=prod', 11]]);
    const deploy = s.commands[2]?.argv[3];
    expect(deploy).toMatchObject({ text: 'deploy', line: 12, column: 34 });
  });

  it('reads prompts in session logs and skips output and heredoc bodies', () => {
    const code = '$ npm test\n> svc@1.0.0 test\nPASS  all\n$ cat <<EOF > x.yaml\nmake nothing\nEOF\n$ make build';
    const s = tokenizeShell(code, 1, true);
    expect(s.commands.map((c) => c.argv[0]?.text + ' ' + c.argv[1]?.text)).toEqual(['npm test', 'cat undefined', 'make build']);
  });

  it('finds variable references but not inside single quotes', () => {
    const s = tokenizeShell(`echo "$ACME_TOKEN" '$NOT_THIS' \${ACME_URL:-x}`, 1);
    expect(s.references.map((r) => r.text)).toEqual(['ACME_TOKEN', 'ACME_URL']);
  });
});

describe('claimsFromShell', () => {
  const claims = (code: string) => claimsFromShell(tokenizeShell(code, 1), 'code-block', 0.9).map((c) => `${c.kind}:${c.key}${c.meta?.dir ? '@' + c.meta.dir : ''}`);

  it('turns runners into script claims', () => {
    expect(claims('npm run lint -- --fix\nnpm test\nnpm ci\nyarn build\nyarn add x\npnpm --filter api dev\nmake -C ops rollback VERSION=1')).toEqual([
      'script:lint', 'script:test', 'script:build', 'script:dev', 'script:rollback@ops',
    ]);
  });

  it('keeps the system\'s env vars, paths and drops other tools\' variables', () => {
    expect(claims('KUBECONFIG=x ACME_MODE=safe ./scripts/run.sh config/app.yaml\ncat README.md\nkubectl get deploy/payments')).toEqual([
      'env-var:ACME_MODE', 'path:scripts/run.sh', 'path:config/app.yaml', 'path:README.md',
    ]);
  });
});
