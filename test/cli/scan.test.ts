import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../helpers/project.js';

const BIN = path.resolve(import.meta.dirname, '../../dist/cli/bin.js');

function run(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const system = {
  'service/package.json': JSON.stringify({ name: 'svc', scripts: { build: 'tsc', test: 'vitest' } }),
  'service/.env.example': 'PAYMENTS_DB_URL=\nPAYMENTS_API_KEY=\n',
  'service/config/default.yaml': 'server:\n  port: 8080\n',
};
const stale = '# Setup\n\n```bash\nexport PAYMENTS_DATABASE_URL=x\nnpm run compile\n```\n\nThe port is set by `server.port` (default: `3000`).\n';
const fresh = '# Setup\n\n```bash\nexport PAYMENTS_DB_URL=x\nnpm run build\n```\n';

describe('docdrift scan (CLI)', () => {
  it('exits 1 on findings at the threshold, writes both reports, prints a summary', () => {
    const dir = writeTree({ ...system, 'wiki/setup.md': stale });
    const r = run(['scan', '--docs', 'wiki', '--system', 'service', '--out', 'out'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/scanned 1 pages/);
    expect(r.stdout).toMatch(/setup\.md:4/);
    const json = JSON.parse(readFileSync(path.join(dir, 'out/report.json'), 'utf8'));
    expect(json.findings.map((f: { checkId: string; line: number }) => `${f.checkId}@${f.line}`).sort()).toEqual([
      'config-value-mismatch@8', 'missing-script@5', 'unknown-env-var@4',
    ]);
    const finding = json.findings.find((f: { checkId: string }) => f.checkId === 'config-value-mismatch');
    expect(finding).toMatchObject({ file: 'setup.md', line: 8, raw: expect.stringContaining('3000'), expected: '8080' });
    expect(finding.evidence[0]).toMatchObject({ file: 'service/config/default.yaml', line: 2, value: '8080' });
    expect(readFileSync(path.join(dir, 'out/report.md'), 'utf8')).toMatch(/## Ranked findings/);
  });

  it('exits 0 when clean, and with --fail-on none', () => {
    const dir = writeTree({ ...system, 'wiki/setup.md': fresh, 'stale/setup.md': stale });
    expect(run(['scan', '--docs', 'wiki', '--system', 'service', '--out', 'o1'], dir).code).toBe(0);
    expect(run(['scan', '--docs', 'stale', '--system', 'service', '--out', 'o2', '--fail-on', 'none'], dir).code).toBe(0);
  });

  it('gives byte-identical reports for the same input', () => {
    const dir = writeTree({ ...system, 'wiki/setup.md': stale, 'wiki/b.md': '# B\n\n[x](setup.md#nope)\n' });
    run(['scan', '--docs', 'wiki', '--system', 'service', '--out', 'a'], dir);
    run(['scan', '--docs', 'wiki', '--system', 'service', '--out', 'b'], dir);
    for (const f of ['report.json', 'report.md']) expect(readFileSync(path.join(dir, 'a', f), 'utf8')).toBe(readFileSync(path.join(dir, 'b', f), 'utf8'));
  });

  it('reads the config file, relative to itself, and formats from it', () => {
    const dir = writeTree({ ...system, 'wiki/setup.md': stale, 'docdrift.config.yaml': 'docs: wiki\nsystem: [service]\nout: r\nformat: json\nchecks:\n  unknown-env-var: off\n' });
    const r = run(['scan'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(existsSync(path.join(dir, 'r/report.md'))).toBe(false);
    const json = JSON.parse(readFileSync(path.join(dir, 'r/report.json'), 'utf8'));
    expect(json.findings.map((f: { checkId: string }) => f.checkId).sort()).toEqual(['config-value-mismatch', 'missing-script']);
  });

  it('exits 2 with a message naming the bad key of a config file', () => {
    const dir = writeTree({ 'docdrift.config.json': JSON.stringify({ docs: ['wiki'], system: 'service', failOn: 'fatal' }), 'wiki/a.md': '# A\n' });
    const r = run(['scan'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/docdrift\.config\.json: "failOn"/);
    const typo = writeTree({ 'docdrift.config.json': JSON.stringify({ docs: ['wiki'], sytem: 'service' }) });
    const r2 = run(['scan'], typo);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/"sytem": unknown key/);
  });

  it('takes several docs and system roots, honouring .gitignore and --exclude', () => {
    const dir = writeTree({
      'api/package.json': JSON.stringify({ name: 'api', scripts: { build: 'tsc' } }),
      'worker/Makefile': 'drain:\n\t./drain.sh\n',
      'wiki/run.md': '# Run\n\n```bash\nnpm run build\nmake drain\nmake flush\n```\n\nSee [ops](../handbook/ops.md#paging).\n',
      'handbook/ops.md': '# Ops\n\n## Paging\n',
      'handbook/.gitignore': 'drafts/\n',
      'handbook/drafts/wip.md': '# WIP\n\n`npm run nothing`\n',
      'handbook/old/legacy.md': '# Legacy\n\n`npm run gone`\n',
    });
    const r = run(['scan', '--docs', 'wiki', 'handbook', '--system', 'api', 'worker', '--out', 'out', '--exclude', 'old/**'], dir);
    const json = JSON.parse(readFileSync(path.join(dir, 'out/report.json'), 'utf8'));
    expect(json.pages.map((p: { file: string }) => p.file)).toEqual(['handbook/ops.md', 'wiki/run.md']);
    expect(json.findings.map((f: { file: string; line: number; key: string }) => `${f.file}:${f.line} ${f.key}`)).toEqual(['wiki/run.md:6 flush']);
    expect(r.code).toBe(1);
  });

  it('exits 2 on usage errors', () => {
    const dir = writeTree({ 'wiki/a.md': '# A\n' });
    expect(run(['scan', '--docs', 'wiki'], dir).code).toBe(2);
    expect(run(['scan', '--docs', 'wiki', '--system', 'wiki', '--format', 'pdf'], dir).code).toBe(2);
    const missing = run(['scan', '--docs', 'nope', '--system', 'wiki', '--out', 'o'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/docs root does not exist: nope/);
  });

  it('reports bad input as problems naming the file and still writes the report', () => {
    const dir = writeTree({
      ...system,
      'wiki/ok.md': fresh,
      'wiki/binary.md': Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02]),
      'wiki/latin1.md': Buffer.from('# Caf\xe9\n', 'latin1'),
      'wiki/bad-frontmatter.md': '---\nowner: [unclosed\n---\n# Page\n',
      'wiki/locked.md': '# Locked\n',
      'service/config/broken.yaml': 'server:\n  port: 8080\n  bad: [1, 2\n',
      'service/config/broken.json': '{ "a": 1,, }',
    });
    symlinkSync(path.join(dir, 'wiki/missing-target.md'), path.join(dir, 'wiki/dangling.md'));
    chmodSync(path.join(dir, 'wiki/locked.md'), 0o000);
    const r = run(['scan', '--docs', 'wiki', '--system', 'service', '--out', 'out'], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(readFileSync(path.join(dir, 'out/report.json'), 'utf8'));
    const problems = Object.fromEntries(json.problems.map((p: { file: string; reason: string }) => [p.file, p.reason]));
    expect(problems['binary.md']).toMatch(/binary/);
    expect(problems['latin1.md']).toMatch(/UTF-8/);
    expect(problems['bad-frontmatter.md']).toMatch(/frontmatter/);
    expect(problems['dangling.md']).toMatch(/does not exist|symbolic link/);
    if (process.getuid?.() !== 0) expect(problems['locked.md']).toMatch(/permission denied/);
    expect(problems['service/config/broken.yaml']).toMatch(/line/);
    expect(problems['service/config/broken.json']).toMatch(/line/);
    expect(json.summary.pages).toBeGreaterThanOrEqual(2);
  });
});
