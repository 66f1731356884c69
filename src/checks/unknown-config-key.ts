import { defineCheck } from '../engine/check.js';
import { splitKey } from '../engine/config-resolver.js';

export default defineCheck({
  meta: {
    id: 'unknown-config-key',
    category: 'correctness',
    severity: 'error',
    description: 'Config keys a page names must exist in the system\'s config files.',
    kinds: ['config-key', 'config-value'],
    messages: {
      unknown: 'Config key `{{key}}` is not defined in the system\'s config',
      unknownIn: 'Config key `{{key}}` is not defined in `{{file}}`',
      renamed: 'Config key `{{key}}` is not defined in the system\'s config; renamed to `{{suggestion}}`?',
    },
  },
  run(ctx) {
    for (const claim of ctx.claims('config-key', 'config-value')) {
      const r = ctx.config.resolve(claim);
      if (r.status === 'unjudged') {
        ctx.unverifiable(claim, r.reason);
        continue;
      }
      if (r.status === 'found') {
        // config-value claims are passed (or flagged) by config-value-mismatch.
        if (claim.kind === 'config-key') ctx.pass(claim, r.facts);
        continue;
      }
      if (r.near) {
        // Suggest the key as the page wrote it: keep the page's prefix, swap the renamed part.
        const written = splitKey(claim.key);
        const nearSegs = splitKey(r.near.key);
        const suggestion = nearSegs.slice(nearSegs.length - written.length).join('.');
        ctx.report({
          claim,
          messageId: 'renamed',
          data: { key: claim.key, suggestion },
          suggestion,
          expected: r.near.key,
          evidence: [{ message: `\`${r.near.key}\` is defined here`, span: r.near.origin, ...(r.near.value !== undefined ? { value: r.near.value } : {}) }],
          fix: { from: claim.key.split('.').pop() as string, to: suggestion.split('.').pop() as string },
        });
      } else {
        const parentFacts = r.parent ? ctx.facts.get('config-key', r.parent) : [];
        ctx.report({
          claim,
          messageId: r.file ? 'unknownIn' : 'unknown',
          data: { key: claim.key, file: r.file ?? '' },
          evidence: parentFacts.slice(0, 3).map((f) => ({ message: `\`${r.parent}\` is defined here without \`${(splitKey(r.key).pop() as string)}\``, span: f.origin })),
        });
      }
    }
  },
});
