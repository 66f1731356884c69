import { defineCheck } from '../engine/check.js';
import type { Fact } from '../types.js';
import { isComputedValue, normalizeValue } from '../util/values.js';

/**
 * Where defaults live: code and flag definitions. `.env.example`, compose and Kubernetes values are
 * settings of one deployment, not defaults, so they are left out.
 */
function definesDefault(f: Fact): boolean {
  return f.provider !== 'dotenv' && f.provider !== 'config';
}

/** A flag bound without a value defaults to its type's zero value. */
function zeroValues(f: Fact): string[] | undefined {
  if (f.kind === 'cli-flag' || f.meta?.['flag'] !== undefined) return ['', 'false', '0', 'null'];
  return undefined;
}

export default defineCheck({
  meta: {
    id: 'default-value-mismatch',
    category: 'correctness',
    severity: 'error',
    description: 'A default a page states for an environment variable or flag must be the default the code defines.',
    kinds: ['env-var', 'cli-flag'],
    messages: {
      mismatch: 'The default of `{{name}}` is `{{actual}}` on this page, but `{{expected}}` in the code',
    },
  },
  run(ctx) {
    for (const claim of ctx.claims('env-var', 'cli-flag')) {
      if (!claim.meta?.default || claim.value === undefined) continue; // existence is judged by the other checks
      const kind = claim.kind === 'env-var' ? 'env-var' : 'cli-flag';
      const facts = ctx.facts.get(kind, claim.key).filter(definesDefault);
      if (!facts.length) {
        ctx.unverifiable(claim, `no code defines a default for \`${claim.key}\``);
        continue;
      }
      const want = normalizeValue(claim.value === '' ? '""' : claim.value);
      const accepted = new Set<string>();
      let unknown = false;
      for (const f of facts) {
        if (f.meta?.['computed']) unknown = true;
        else if (f.value !== undefined) {
          if (isComputedValue(f.value)) unknown = true;
          accepted.add(normalizeValue(f.value));
        } else {
          const zeros = zeroValues(f);
          if (zeros) for (const z of zeros) accepted.add(normalizeValue(z === '' ? '""' : z));
          // A flag defined without a default starts at its zero value, but code often fills a
          // string or number in later (`if url == "" { url = ... }`): only a boolean's `true` is
          // surely wrong.
          if (!zeros || !/^(?:true|yes|on|enabled)$/i.test(claim.value)) unknown = true;
        }
      }
      if (accepted.has(want) || (want === '' && accepted.has('null'))) {
        ctx.pass(claim);
        continue;
      }
      const withValue = facts.filter((f) => f.value !== undefined && !isComputedValue(f.value) && !f.meta?.['computed']);
      if (unknown && !withValue.length) {
        ctx.unverifiable(claim, `the default of \`${claim.key}\` is computed in code`);
        continue;
      }
      const shown = withValue.length ? [...new Set(withValue.map((f) => f.value as string))] : ['(empty)'];
      const expected = shown.join('` or `');
      ctx.report({
        claim,
        messageId: 'mismatch',
        data: { name: claim.key, actual: claim.value === '' ? '(empty)' : claim.value, expected },
        expected: shown.join(' | '),
        evidence: (withValue.length ? withValue : facts).slice(0, 3).map((f) => ({ message: `default of \`${f.key}\` defined here`, span: f.origin, ...(f.value !== undefined ? { value: f.value } : {}) })),
        ...(shown.length === 1 && claim.value !== '' && claim.raw.includes(claim.value) ? { fix: { from: claim.raw, to: claim.raw.replace(claim.value, shown[0] as string) }, suggestion: shown[0] as string } : shown.length === 1 ? { suggestion: shown[0] as string } : {}),
      });
    }
  },
});
