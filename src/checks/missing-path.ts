import { defineCheck } from '../engine/check.js';
import { findMoved, hasPlaceholder, placeholderRegex } from '../engine/paths.js';
import path from 'node:path';

/** Suffixes of committed templates of local files. */
const TEMPLATE_SUFFIXES = ['.example', '.sample', '.template', '.dist', '.tmpl', '.tpl', '.defaults'];

export default defineCheck({
  meta: {
    id: 'missing-path',
    category: 'correctness',
    severity: 'warning',
    description: 'Files and directories a page names must exist in the system (or the docs).',
    kinds: ['path'],
    messages: {
      missing: 'Path `{{path}}` does not exist in the system',
      moved: 'Path `{{path}}` does not exist; it {{how}} to `{{suggestion}}`?',
    },
  },
  run(ctx) {
    const topLevel = ctx.tree.topLevel();
    for (const claim of ctx.claims('path')) {
      const written = claim.key.replace(/\/+$/, '');
      const dir = claim.meta?.dir;
      const page = claim.span.file;
      // A path is taken relative to the system root, to a directory the block `cd`-ed into, or to the docs.
      const forms = [written, ...(dir ? [`${dir}/${written}`] : [])];
      const docsForms = [written, path.posix.normalize(path.posix.join(path.posix.dirname(page), written))];
      if (forms.some((f) => ctx.tree.kind(f)) || docsForms.some((f) => ctx.docs.hasPath(f))) {
        ctx.pass(claim);
        continue;
      }
      // A local copy of a committed template (`.env` from `.env.example`, `config.yml` from
      // `config.yml.dist`) is made on each machine and kept out of the repository on purpose.
      const template = forms.flatMap((f) => TEMPLATE_SUFFIXES.map((sfx) => f + sfx)).find((f) => ctx.tree.kind(f) === 'file')
        ?? (/(?:^|\/)\.env(?:\.[\w-]+)?$/.test(written) ? forms.flatMap((f) => TEMPLATE_SUFFIXES.map((sfx) => f.replace(/\.env(?:\.[\w-]+)?$/, '.env') + sfx)).find((f) => ctx.tree.kind(f) === 'file') : undefined);
      if (template) {
        ctx.pass(claim);
        continue;
      }
      if (/(?:^|\/)\.env(?:\.[\w-]+)?$/.test(written)) {
        ctx.unverifiable(claim, 'a local env file: each machine creates its own, it is not committed');
        continue;
      }
      if (written.startsWith('..')) {
        ctx.unverifiable(claim, 'path points outside the system root');
        continue;
      }
      if (hasPlaceholder(written)) {
        const re = placeholderRegex(written);
        const any = [...ctx.tree.files, ...ctx.tree.dirs].some((f) => re.test(f));
        if (any) ctx.pass(claim);
        else if (topLevel.has(written.split('/')[0] as string)) ctx.report({ claim, messageId: 'missing', data: { path: claim.key } });
        else ctx.unverifiable(claim, 'pattern matches nothing and its first folder is not in the system');
        continue;
      }
      const moved = findMoved(ctx.tree, written);
      if (moved) {
        ctx.report({
          claim,
          messageId: 'moved',
          data: { path: claim.key, how: moved.how === 'moved' ? 'moved' : 'was renamed', suggestion: moved.to },
          suggestion: moved.to,
          expected: moved.to,
          evidence: [{ message: 'this path exists now', span: { file: ctx.facts.get('file', moved.to)[0]?.origin.file ?? moved.to, start: { line: 1 } } }],
          fix: { from: claim.raw, to: claim.raw.replace(written, moved.to) },
        });
        continue;
      }
      const first = written.split('/')[0] as string;
      // Only a path whose first folder exists in the system is surely about it; `build/out.log` may be made at run time.
      if (written.includes('/') && topLevel.has(first)) {
        ctx.report({ claim, messageId: 'missing', data: { path: claim.key } });
      } else {
        ctx.unverifiable(claim, written.includes('/') ? `\`${first}/\` is not a folder of the system` : `no file named \`${written}\` in the system`);
      }
    }
  },
});
