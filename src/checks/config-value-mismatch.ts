import { defineCheck } from '../engine/check.js';
import type { Fact } from '../types.js';
import { isComputedValue as isTemplated, normalizeValue } from '../util/values.js';

export default defineCheck({
  meta: {
    id: 'config-value-mismatch',
    category: 'correctness',
    severity: 'error',
    description: 'A value a page states for a config key must be the value some config file of the system has.',
    kinds: ['config-value'],
    messages: {
      mismatch: '`{{key}}` is `{{actual}}` on this page, but `{{expected}}` in the system',
      mismatchIn: '`{{key}}` is `{{actual}}` on this page, but `{{expected}}` in `{{file}}`',
    },
  },
  run(ctx) {
    for (const claim of ctx.claims('config-value')) {
      const r = ctx.config.resolve(claim);
      if (r.status !== 'found' || claim.value === undefined) continue; // unknown-config-key judges the key
      const leaves = r.facts.filter((f: Fact) => f.value !== undefined && f.meta?.['leaf'] !== false);
      if (!leaves.length) {
        ctx.unverifiable(claim, `\`${r.key}\` is a section in the system, not a single value`);
        continue;
      }
      const want = normalizeValue(claim.value);
      const same = leaves.filter((f) => normalizeValue(f.value as string) === want);
      if (same.length) {
        ctx.pass(claim, same);
        continue;
      }
      const comparable = leaves.filter((f) => !isTemplated(f.value as string));
      if (!comparable.length) {
        ctx.unverifiable(claim, `the system sets \`${r.key}\` from a template or variable (${leaves[0]?.value})`);
        continue;
      }
      const distinct = [...new Set(comparable.map((f) => f.value as string))];
      const expected = distinct.join('` or `');
      const file = claim.meta?.fileHint;
      const report = {
        claim,
        messageId: file ? 'mismatchIn' : 'mismatch',
        data: { key: claim.key, actual: claim.value, expected, file: file ?? '' },
        expected: distinct.join(' | '),
        evidence: comparable.map((f) => ({ message: `\`${f.key}\` is \`${f.value}\` here`, span: f.origin, value: f.value as string })),
      };
      const only = distinct.length === 1 ? distinct[0] : undefined;
      if (only !== undefined && claim.raw.includes(claim.value)) {
        ctx.report({ ...report, fix: { from: claim.raw, to: replaceLast(claim.raw, claim.value, only) } });
      } else ctx.report(report);
    }
  },
});

function replaceLast(text: string, from: string, to: string): string {
  const i = text.lastIndexOf(from);
  return i < 0 ? text : text.slice(0, i) + to + text.slice(i + from.length);
}
