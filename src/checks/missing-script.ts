import { defineCheck } from '../engine/check.js';
import type { Fact } from '../types.js';

export default defineCheck({
  meta: {
    id: 'missing-script',
    category: 'correctness',
    severity: 'error',
    description: 'npm/yarn/pnpm scripts and make targets a page runs must exist in package.json or the Makefile.',
    kinds: ['script'],
    messages: {
      npm: '`{{runner}} run {{name}}`: package.json has no script `{{name}}`',
      npmRenamed: '`{{runner}} run {{name}}`: package.json has no script `{{name}}`; renamed to `{{suggestion}}`?',
      make: '`make {{name}}`: no Makefile target `{{name}}`',
      makeRenamed: '`make {{name}}`: no Makefile target `{{name}}`; renamed to `{{suggestion}}`?',
    },
  },
  run(ctx) {
    for (const claim of ctx.claims('script')) {
      const runner = claim.meta?.runner ?? 'npm';
      const dir = claim.meta?.dir;
      const isMake = runner === 'make';
      const kind = isMake ? 'make-target' : 'script';
      const container = (f: Fact) => String(f.meta?.[isMake ? 'makefile' : 'manifest'] ?? f.origin.file);
      let all = ctx.facts.all(kind);
      if (!all.length) {
        ctx.unverifiable(claim, isMake ? 'the system has no Makefile' : 'the system has no package.json scripts');
        continue;
      }
      // `make -C dir x` / `npm --prefix dir run x`: prefer the file in that directory when there is one.
      if (dir) {
        const inDir = all.filter((f) => container(f).startsWith(dir + '/') || container(f).includes('/' + dir + '/'));
        if (inDir.length) all = inDir;
      }
      const defined = all.filter((f) => f.key === claim.key);
      if (defined.length) {
        ctx.pass(claim, defined);
        continue;
      }
      if (isMake && all.some((f) => f.meta?.['dynamic'] === true)) {
        ctx.unverifiable(claim, 'the Makefile defines targets through variables or patterns, so its target list is not fully known');
        continue;
      }
      // npm's own fallbacks: `npm start` runs `node server.js` when no start script exists.
      if (runner === 'npm' && claim.key === 'start' && ctx.tree.kind('server.js') === 'file') {
        ctx.pass(claim);
        continue;
      }
      const near = ctx.facts.nearest(kind, claim.key, 0.8, all.map((f) => f.key));
      const where = all[0] as Fact;
      if (near) {
        ctx.report({
          claim,
          messageId: isMake ? 'makeRenamed' : 'npmRenamed',
          data: { runner, name: claim.key, suggestion: near.fact.key },
          suggestion: near.fact.key,
          expected: near.fact.key,
          evidence: [{ message: `${isMake ? 'target' : 'script'} \`${near.fact.key}\` is defined here`, span: near.fact.origin, ...(near.fact.value ? { value: near.fact.value } : {}) }],
          fix: { from: claim.key, to: near.fact.key },
        });
      } else {
        ctx.report({
          claim,
          messageId: isMake ? 'make' : 'npm',
          data: { runner, name: claim.key },
          evidence: [{ message: `${isMake ? 'targets' : 'scripts'} are defined in ${container(where)}`, span: { file: where.origin.file, start: { line: 1 } } }],
        });
      }
    }
  },
});
