import { describe, expect, it } from 'vitest';
import { defineCheck } from '../../src/engine/check.js';
import { DocsIndex } from '../../src/engine/docs-index.js';
import { runChecks } from '../../src/engine/run.js';
import { FactBase } from '../../src/facts/factbase.js';
import { SystemTree } from '../../src/facts/system.js';
import type { Claim, Fact } from '../../src/types.js';

const claim = (key: string, line: number): Claim => ({ id: `p.md#${line}:1:env-var:${key}`, kind: 'env-var', key, raw: key, span: { file: 'p.md', start: { line } }, sectionId: '', context: 'inline-code', confidence: 0.75 });
const fact: Fact = { kind: 'env-var', key: 'A', origin: { file: 'app.js', start: { line: 3 } }, provider: 'js' };

describe('engine: passes with facts, and checks that run after the others', () => {
  it('hands the passes and their facts to afterClaims checks, whose findings leave the claims verified', () => {
    const seen: string[] = [];
    const late = defineCheck({
      meta: { id: 'a-late', category: 'lifecycle', severity: 'info', description: 'late', kinds: [], afterClaims: true, messages: { m: '{{key}} from {{file}}' } },
      run(ctx) {
        for (const p of ctx.passed()) {
          seen.push(`${p.claim.key}:${p.facts.map((f) => f.origin.file).join(',')}`);
          ctx.report({ claim: p.claim, messageId: 'm', data: { key: p.claim.key, file: p.facts[0]?.origin.file ?? '-' }, confidence: 0.3 });
        }
      },
    });
    const early = defineCheck({
      meta: { id: 'b-early', category: 'correctness', severity: 'error', description: 'early', kinds: ['env-var'], messages: { gone: 'gone' } },
      run(ctx) {
        for (const c of ctx.claims('env-var')) {
          if (c.key === 'A') ctx.pass(c, fact);
          else if (c.key === 'B') ctx.pass(c);
          else ctx.report({ claim: c, messageId: 'gone' });
        }
      },
    });
    const claims = [claim('A', 1), claim('B', 2), claim('C', 3)];
    const out = runChecks({ checks: [late, early], settings: {}, claims, facts: new FactBase(), tree: new SystemTree(), docs: new DocsIndex([]), minConfidence: 0.5 });
    expect(seen).toEqual(['A:app.js', 'B:']);
    expect(out.verified.map((c) => c.key)).toEqual(['A', 'B']);
    expect(out.findings.map((f) => [f.checkId, f.claim?.key, f.severity, f.confidence])).toEqual([
      ['b-early', 'C', 'error', 0.75],
      ['a-late', 'A', 'info', 0.3],
      ['a-late', 'B', 'info', 0.3],
    ]);
  });
});
