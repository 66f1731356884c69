import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planScan } from '../../src/cli/program.js';
import { writeTree } from '../helpers/project.js';

const BIN = path.resolve(import.meta.dirname, '../../dist/cli/bin.js');
const tree = { 'wiki/a.md': '---\nlast_reviewed: 2024-01-01\n---\n\n# A\n', 'svc/package.json': '{}\n' };

describe('age and review options', () => {
  it('come from the config file, and --as-of wins over it', () => {
    const dir = writeTree({ ...tree, 'docdrift.config.yaml': 'docs: wiki\nsystem: svc\nasOf: 2025-01-01\ngit: false\ngitChurnThreshold: 25\nreview:\n  lastReviewed: [checked]\n  owner: team\n  intervalDays: 30\n' });
    const plan = planScan({}, dir);
    expect(plan.analyze).toMatchObject({ asOf: '2025-01-01', git: false, gitChurnThreshold: 25, review: { lastReviewed: ['checked'], owner: ['team'], intervalDays: 30 } });
    expect(planScan({ asOf: '2025-02-02' }, dir).analyze.asOf).toBe('2025-02-02');
  });

  it('are validated, naming the key', () => {
    const bad = (config: string) => () => planScan({}, writeTree({ ...tree, 'docdrift.config.yaml': `docs: wiki\nsystem: svc\n${config}` }));
    expect(bad('review:\n  intervalDay: 30\n')).toThrow(/"review\.intervalDay": unknown key \(allowed: lastReviewed, reviewBy, owner, status, archived, intervalDays\)/);
    expect(bad('asOf: 2025-02-30\n')).toThrow(/"asOf": is not a real date/);
    expect(bad('asOf: yesterday\n')).toThrow(/"asOf": must be a date written YYYY-MM-DD/);
    expect(bad('gitChurnThreshold: 0\n')).toThrow(/"gitChurnThreshold"/);
  });

  it('--as-of is checked by the CLI and printed in the report', () => {
    const dir = writeTree(tree);
    const run = (args: string[]) => spawnSync(process.execPath, [BIN, 'scan', '--docs', 'wiki', '--system', 'svc', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run(['--as-of', '2025-13-01']).status).toBe(2);
    const ok = run(['--as-of', '2025-01-01', '--out', 'out']);
    expect(ok.stderr).toBe('');
    const md = readFileSync(path.join(dir, 'out/report.md'), 'utf8');
    expect(md).toContain('Ages as of **2025-01-01** (given with asOf) · History: none — the docs and system roots are not in a git repository');
    expect(md).toContain('`review-overdue` line 2: Last reviewed on 2024-01-01, 366 days before 2025-01-01');
    const json = JSON.parse(readFileSync(path.join(dir, 'out/report.json'), 'utf8'));
    expect(json.summary.time).toEqual({ asOf: '2025-01-01', asOfSource: 'option', history: 'none', repositories: 0, commits: 0, note: 'the docs and system roots are not in a git repository: no history signals (page ages, outdated-source)' });
  });
});
