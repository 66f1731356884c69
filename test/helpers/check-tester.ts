import { describe, expect, it } from 'vitest';
import { scanProject, type Files } from './project.js';
import type { Finding } from '../../src/types.js';

/** One case: a docs page (or several) and a system, with what the check must (not) find. */
export interface CheckCase {
  /** Test name. */
  name: string;
  /** Docs files; a single string is `page.md`. */
  docs: Files | string;
  /** System files. */
  system: Files;
}

/** An invalid case lists the findings the check must report, as `{ line, messageId?, suggestion? }`. */
export interface InvalidCase extends CheckCase {
  /** Expected findings of this check, in line order. */
  findings: { line: number; messageId?: string; suggestion?: string; file?: string; key?: string }[];
}

function pageFiles(docs: Files | string): Files {
  return typeof docs === 'string' ? { 'page.md': docs } : docs;
}

/**
 * ESLint-style RuleTester for docdrift checks. Beyond the listed expectations it insists, for every
 * case, that messages have no unfilled placeholders, spans lie inside the page, and two runs agree.
 */
export function testCheck(checkId: string, cases: { valid: CheckCase[]; invalid: InvalidCase[] }): void {
  const run = async (c: CheckCase): Promise<{ findings: Finding[]; lines: Map<string, number> }> => {
    const docs = pageFiles(c.docs);
    const result = await scanProject(docs, c.system);
    const again = await scanProject(docs, c.system);
    expect(JSON.stringify(again.findings.map(strip))).toBe(JSON.stringify(result.findings.map(strip)));
    const lines = new Map(Object.entries(docs).map(([k, v]) => [k, String(v).split('\n').length]));
    const findings = result.findings.filter((f) => f.checkId === checkId);
    for (const f of findings) {
      expect(f.message).not.toMatch(/\{\{/);
      expect(f.span.start.line).toBeGreaterThanOrEqual(1);
      expect(f.span.start.line).toBeLessThanOrEqual(lines.get(f.span.file) ?? Infinity);
      expect(result.problems.filter((p) => p.stage === 'check')).toEqual([]);
    }
    return { findings, lines };
  };
  describe(checkId, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, async () => {
        const { findings } = await run(c);
        expect(findings.map((f) => `${f.span.file}:${f.span.start.line} ${f.message}`)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, async () => {
        expect(c.findings.length).toBeGreaterThan(0);
        const { findings } = await run(c);
        const got = findings
          .map((f) => ({
            line: f.span.start.line,
            ...(c.findings.some((e) => e.file) ? { file: f.span.file } : {}),
            ...(c.findings.some((e) => e.messageId) ? { messageId: f.messageId } : {}),
            ...(c.findings.some((e) => e.suggestion !== undefined) ? { suggestion: f.suggestion } : {}),
            ...(c.findings.some((e) => e.key) ? { key: f.claim?.key } : {}),
          }))
          .sort((a, b) => a.line - b.line);
        expect(got).toEqual([...c.findings].sort((a, b) => a.line - b.line));
      });
    }
  });
}

function strip(f: Finding): unknown {
  return { ...f, claim: f.claim?.id };
}
