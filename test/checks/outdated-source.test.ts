import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { readGitHistory } from '../../src/history/git.js';
import { formatJson } from '../../src/report/json.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import { commitHistory, scanProjectWithHistory } from '../helpers/git.js';
import { scanProject, writeTree } from '../helpers/project.js';

const system = { 'config/default.yaml': 'database:\n  pool:\n    max: 20\n    min: 2\n', 'package.json': '{"scripts":{"build":"tsc"}}\n' };
const page = '# Configuration\n\nRaise `database.pool.max` for more workers; `database.pool.min` keeps two warm.\n\nBuild with `npm run build`.\n';
const docs = { 'configuration.md': page };
const edited = { date: '2025-01-03', files: ['docs/configuration.md', 'system/config/default.yaml', 'system/package.json'] };

describe('outdated-source', () => {
  it('flags a page whose cited config file changed in N commits since the page: suspect, never stale', async () => {
    const r = await scanProjectWithHistory(docs, system, [edited, { date: '2025-03-01', count: 12, files: ['system/config/default.yaml'] }]);
    const found = r.findings.filter((f) => f.checkId === 'outdated-source');
    expect(found.map((f) => [f.span.start.line, f.claim?.key, f.message])).toEqual([
      [3, 'database.pool.max', '`database.pool.max` still exists, but `system/config/default.yaml` changed in 12 commits since this page was last edited (2025-01-03)'],
    ]);
    const [f] = found;
    expect(f?.severity).toBe('info');
    expect(f?.confidence).toBeLessThan(0.5);
    expect(f?.evidence[0]?.span).toMatchObject({ file: 'system/config/default.yaml', start: { line: 3 } });
    expect(f?.evidence[0]?.message).toMatch(/last on 2025-03-01; 1 more claim on this page resolve/);
    // The claim itself stays verified: the finding is about the page's age.
    expect(r.verified.some((c) => c.key === 'database.pool.max')).toBe(true);
    expect(r.summary.time).toMatchObject({ asOf: '2025-03-01', asOfSource: 'git', history: 'git', repositories: 1, commits: 13 });
    expect(r.summary.time?.note).toBeUndefined();
    expect(r.pages[0]?.page.lastModified).toBe('2025-01-03T09:00:00Z');
  });

  it('stays silent below the threshold, and the threshold is an option', async () => {
    const history = [edited, { date: '2025-03-01', count: 9, files: ['system/config/default.yaml'] }];
    const below = await scanProjectWithHistory(docs, system, history);
    expect(below.findings.filter((f) => f.checkId === 'outdated-source')).toEqual([]);
    const lower = await scanProjectWithHistory(docs, system, history, { gitChurnThreshold: 5 });
    expect(lower.findings.filter((f) => f.checkId === 'outdated-source').map((f) => f.claim?.key)).toEqual(['database.pool.max']);
  });

  it('counts only commits after the page last changed, per file', async () => {
    const r = await scanProjectWithHistory(docs, system, [
      edited,
      { date: '2025-02-01', count: 12, files: ['system/config/default.yaml'] },
      { date: '2025-02-20', files: ['docs/configuration.md'] },
      { date: '2025-03-01', count: 3, files: ['system/config/default.yaml'] },
      { date: '2025-03-02', count: 11, files: ['system/package.json'] },
    ]);
    expect(r.findings.filter((f) => f.checkId === 'outdated-source').map((f) => f.message)).toEqual([
      '`build` still exists, but `system/package.json` changed in 11 commits since this page was last edited (2025-02-20)',
    ]);
  });

  it('counts from a last_reviewed date newer than the last commit', async () => {
    const reviewed = { 'configuration.md': `---\nlast_reviewed: 2025-02-15\n---\n${page}` };
    const r = await scanProjectWithHistory(reviewed, system, [
      edited,
      { date: '2025-02-01', count: 12, files: ['system/config/default.yaml'] },
      { date: '2025-03-01', count: 10, files: ['system/package.json'] },
    ]);
    expect(r.findings.filter((f) => f.checkId === 'outdated-source').map((f) => f.message)).toEqual([
      '`build` still exists, but `system/package.json` changed in 10 commits since this page was last reviewed (2025-02-15)',
    ]);
  });

  it('compares by date when docs and system are separate repositories', async () => {
    const root = writeTree({ 'docs/configuration.md': page, ...Object.fromEntries(Object.entries(system).map(([k, v]) => [`system/${k}`, v])) });
    commitHistory(path.join(root, 'docs'), { 'configuration.md': page }, [{ date: '2025-01-03', files: ['configuration.md'] }]);
    commitHistory(path.join(root, 'system'), system, [
      { date: '2024-12-01', count: 5, files: ['config/default.yaml', 'package.json'] },
      { date: '2025-02-01', count: 10, files: ['config/default.yaml'] },
    ]);
    const r = await analyze({ docs: [path.join(root, 'docs')], system: [path.join(root, 'system')], cwd: root });
    expect(r.summary.time).toMatchObject({ history: 'git', repositories: 2, commits: 16, asOf: '2025-02-01' });
    expect(r.findings.filter((f) => f.checkId === 'outdated-source').map((f) => f.message)).toEqual([
      '`database.pool.max` still exists, but `system/config/default.yaml` changed in 10 commits since this page was last edited (2025-01-03)',
    ]);
  });

  it('without git history, the signal is absent and the summary says why, once', async () => {
    const r = await scanProject(docs, system);
    expect(r.findings.filter((f) => f.checkId === 'outdated-source')).toEqual([]);
    expect(r.summary.time).toMatchObject({ history: 'none', repositories: 0, commits: 0, asOfSource: 'clock' });
    expect(r.summary.time?.note).toMatch(/not in a git repository/);
    expect(r.problems).toEqual([]);
    const md = formatMarkdown(r);
    expect(md.match(/not in a git repository/g)?.length).toBe(1);
    expect(r.pages[0]?.page.lastModified).toBeUndefined();
  });

  it('with git turned off or missing, the signal is absent and said so', async () => {
    const off = await scanProjectWithHistory(docs, system, [edited, { date: '2025-03-01', count: 12, files: ['system/config/default.yaml'] }], { git: false });
    expect(off.findings.filter((f) => f.checkId === 'outdated-source')).toEqual([]);
    expect(off.summary.time).toMatchObject({ history: 'none', note: expect.stringMatching(/turned off/) });
    const dir = writeTree({ 'a.md': '# A\n' });
    const missing = await readGitHistory([{ abs: dir, label: 'docs', touches: false }], { binary: path.join(dir, 'no-such-git') });
    expect(missing.repos).toEqual([]);
    expect(missing.note).toMatch(/git is not installed/);
  });

  it('reads roots inside one repository, one of them outside any', async () => {
    const root = writeTree({ 'repo/docs/a.md': '# A\n', 'repo/system/x.yaml': 'a: 1\n' });
    commitHistory(path.join(root, 'repo'), { 'docs/a.md': '# A\n', 'system/x.yaml': 'a: 1\n' }, [
      { date: '2025-01-01', files: ['docs/a.md'] },
      { date: '2025-01-02', count: 2, files: ['system/x.yaml'] },
    ]);
    const outside = path.join(root, 'plain');
    mkdirSync(outside);
    const h = await readGitHistory([
      { abs: path.join(root, 'repo/docs'), label: 'repo/docs', touches: false },
      { abs: path.join(root, 'repo/system'), label: 'repo/system', touches: true },
      { abs: outside, label: 'plain', touches: true },
    ]);
    expect(h.repos.length).toBe(1);
    expect(h.repos[0]?.times.length).toBe(3);
    expect([...(h.roots.get(path.join(root, 'repo/docs'))?.last ?? [])]).toEqual([['a.md', 2]]);
    expect([...(h.roots.get(path.join(root, 'repo/system'))?.touches ?? [])]).toEqual([['x.yaml', [0, 1]]]);
    expect(h.roots.get(path.join(root, 'repo/docs'))?.touches).toBeUndefined();
    expect(h.note).toBe('not in a git repository, so without history signals: plain');
  });

  it('is deterministic: two runs over one repository give identical reports', async () => {
    const root = writeTree({ 'docs/configuration.md': page, 'system/config/default.yaml': system['config/default.yaml'], 'system/package.json': system['package.json'] });
    commitHistory(root, { 'docs/configuration.md': page, 'system/config/default.yaml': system['config/default.yaml'], 'system/package.json': system['package.json'] }, [
      { date: '2025-01-03', files: ['docs/configuration.md'] },
      { date: '2025-02-01', count: 15, files: ['system/config/default.yaml', 'system/package.json'] },
    ]);
    const run = () => analyze({ docs: [path.join(root, 'docs')], system: [path.join(root, 'system')], cwd: root });
    const [a, b] = [await run(), await run()];
    expect(formatJson(a)).toBe(formatJson(b));
    expect(formatMarkdown(a)).toBe(formatMarkdown(b));
    expect(a.findings.filter((f) => f.checkId === 'outdated-source').length).toBe(2);
  });
});
