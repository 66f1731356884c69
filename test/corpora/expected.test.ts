import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { planScan } from '../../src/cli/program.js';
import { checks } from '../../src/checks/index.js';
import type { AnalysisResult } from '../../src/result.js';

const CORPORA = path.resolve(import.meta.dirname, '../../corpora');

interface Expected {
  findings: { checkId: string; file: string; line: number; key?: string; why?: string }[];
  valid?: { file: string; line: number; key: string; kind?: string; why?: string }[];
}

const corpora = existsSync(CORPORA) ? readdirSync(CORPORA).filter((d) => existsSync(path.join(CORPORA, d, 'expected.json'))).sort() : [];

describe.each(corpora)('corpus %s', (name) => {
  const dir = path.join(CORPORA, name);
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
  let result: AnalysisResult;
  const load = async () => {
    if (!result) {
      const configFile = ['docdrift.config.yaml', 'docdrift.config.json'].map((f) => path.join(dir, f)).find((f) => existsSync(f));
      const plan = planScan({ config: configFile }, dir);
      result = await analyze(plan.analyze);
    }
    return result;
  };

  it('finds exactly the planted stale claims', async () => {
    const r = await load();
    const got = r.findings.map((f) => `${f.checkId} ${f.span.file}:${f.span.start.line}`).sort();
    const want = expected.findings.map((f) => `${f.checkId} ${f.file}:${f.line}`).sort();
    const missed = want.filter((w) => !got.includes(w));
    const extra = r.findings.filter((f) => !want.includes(`${f.checkId} ${f.span.file}:${f.span.start.line}`)).map((f) => `${f.checkId} ${f.span.file}:${f.span.start.line} ${f.message}`);
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
  });

  it('leaves the listed valid claims alone, and each of them was really checked', async () => {
    const r = await load();
    for (const v of expected.valid ?? []) {
      const onLine = r.findings.filter((f) => f.span.file === v.file && f.span.start.line === v.line);
      expect(onLine.map((f) => f.message), `${v.file}:${v.line} ${v.key}`).toEqual([]);
      const verified = r.verified.some((c) => c.span.file === v.file && c.span.start.line === v.line && (c.key === v.key || c.key.endsWith(v.key) || c.raw.includes(v.key)));
      expect(verified, `${v.file}:${v.line} ${v.key} should be verified`).toBe(true);
    }
  });

  it('reads every page without problems', async () => {
    const r = await load();
    expect(r.problems).toEqual([]);
  });

  if (name === 'acme-payments') {
    it('covers every check and has at least 25 stale and 60 verified claims', async () => {
      const r = await load();
      expect(expected.findings.length).toBeGreaterThanOrEqual(25);
      expect(r.verified.length).toBeGreaterThanOrEqual(60);
      expect(r.summary.pages).toBeGreaterThanOrEqual(20);
      // outdated-source needs a git history of the corpus's own (the demo runs with `git: false`);
      // it is tested on repositories built with dated commits (test/checks/outdated-source.test.ts).
      for (const c of checks.filter((x) => x.meta.id !== 'outdated-source')) expect(expected.findings.some((f) => f.checkId === c.meta.id), c.meta.id).toBe(true);
    });
  }
});
