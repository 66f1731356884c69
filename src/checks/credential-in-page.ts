import { defineCheck } from '../engine/check.js';
import { secretRule } from '../extract/secrets.js';

export default defineCheck({
  meta: {
    id: 'credential-in-page',
    category: 'security',
    severity: 'error',
    description: 'Pages must not contain live secrets (private keys, cloud keys, tokens, passwords): an assistant would repeat them.',
    kinds: ['credential'],
    messages: {
      credential:
        'Page contains what looks like a {{description}} (`{{redacted}}`); an assistant would repeat it. Remove it, rotate it, and point to the secret store instead.',
    },
  },
  run(ctx) {
    // Every credential claim is reported: the extractor already dropped placeholders, test keys and
    // dev passwords on local hosts, and gave credentials bound to such hosts a confidence below the
    // default threshold (so they show as suspect). Key, value and raw arrive redacted.
    for (const claim of ctx.claims('credential')) {
      const ruleId = claim.key.slice(0, claim.key.lastIndexOf(':'));
      ctx.report({
        claim,
        messageId: 'credential',
        data: { description: secretRule(ruleId)?.description ?? 'secret', redacted: claim.value ?? claim.raw },
      });
    }
  },
});
