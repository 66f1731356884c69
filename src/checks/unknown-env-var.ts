import { defineCheck } from '../engine/check.js';
import { nameTokens } from '../util/similarity.js';
import type { FactBase } from '../facts/factbase.js';

/** Name prefixes (first `_`-separated word) that at least two of the system's variables share. */
function systemPrefixes(facts: FactBase): Set<string> {
  const counts = new Map<string, number>();
  for (const key of facts.keys('env-var')) {
    const p = key.split('_')[0] as string;
    if (key.includes('_')) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= 2).map(([p]) => p));
}

/** Fence languages of env-file snippets. */
const ENV_FILE_LANGS = new Set(['dotenv', 'env', '.env', 'envfile']);

export default defineCheck({
  meta: {
    id: 'unknown-env-var',
    category: 'correctness',
    severity: 'error',
    description: 'Environment variables a page tells you to set must be read or declared by the system.',
    kinds: ['env-var'],
    messages: {
      unknown: 'Environment variable `{{name}}` is no longer read or declared anywhere in the system',
      family: 'No environment variable of the system starts with `{{prefix}}`: the whole family is gone',
      renamed: 'Environment variable `{{name}}` is not read by the system; renamed to `{{suggestion}}`?',
    },
  },
  run(ctx) {
    const prefixes = systemPrefixes(ctx.facts);
    const hasEnv = ctx.facts.count('env-var') > 0;
    const names = ctx.facts.keys('env-var');
    // An env file snippet (```dotenv) in which at least two variables are the system's is this
    // system's env file: every name in it is judged, whatever its prefix.
    const definedPerEnvBlock = new Map<string, number>();
    for (const c of ctx.claims('env-var')) {
      const block = c.meta?.blockId;
      if (block && ENV_FILE_LANGS.has(c.meta?.lang ?? '') && ctx.facts.get('env-var', c.key).length) definedPerEnvBlock.set(block, (definedPerEnvBlock.get(block) ?? 0) + 1);
    }
    for (const claim of ctx.claims('env-var')) {
      if (claim.key.endsWith('_*')) {
        const prefix = claim.key.slice(0, -1);
        if (names.some((n) => n.startsWith(prefix))) ctx.pass(claim);
        else if (prefixes.has(prefix.split('_')[0] as string)) ctx.report({ claim, messageId: 'family', data: { prefix } });
        else ctx.unverifiable(claim, `\`${prefix}\` shares no naming prefix with the system's variables`);
        continue;
      }
      const defined = ctx.facts.get('env-var', claim.key);
      if (defined.length) {
        ctx.pass(claim);
        continue;
      }
      if (!hasEnv) {
        ctx.unverifiable(claim, 'the system declares no environment variables');
        continue;
      }
      const near = ctx.facts.nearest('env-var', claim.key, 0.8);
      const prefix = claim.key.split('_')[0] as string;
      // A variable that shares neither a naming prefix nor a close name with the system's is most
      // likely another tool's (a cloud CLI, a database client): not ours to judge.
      const inOwnEnvFile = (definedPerEnvBlock.get(claim.meta?.blockId ?? '') ?? 0) >= 2;
      if (!near && !prefixes.has(prefix) && !inOwnEnvFile) {
        ctx.unverifiable(claim, `\`${claim.key}\` shares no naming prefix with the system's variables; it may belong to another tool`);
        continue;
      }
      if (near) {
        const sameWords = nameTokens(near.fact.key).length === nameTokens(claim.key).length;
        ctx.report({
          claim,
          messageId: 'renamed',
          data: { name: claim.key, suggestion: near.fact.key },
          suggestion: near.fact.key,
          evidence: [{ message: `\`${near.fact.key}\` is read here`, span: near.fact.origin, ...(near.fact.value !== undefined ? { value: near.fact.value } : {}) }],
          expected: near.fact.key,
          fix: { from: claim.key, to: near.fact.key },
          confidenceFactor: sameWords ? 1 : 0.95,
        });
      } else {
        ctx.report({ claim, messageId: 'unknown', data: { name: claim.key } });
      }
    }
  },
});
