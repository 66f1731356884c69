import { defineCheck } from '../engine/check.js';
import { findMoved, hasPlaceholder, placeholderRegex } from '../engine/paths.js';
import path from 'node:path';
import type { Fact } from '../types.js';

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
      module: '`{{path}}` names the Go module `{{was}}`, but the module is now `{{module}}`',
    },
  },
  run(ctx) {
    const topLevel = ctx.tree.topLevel();
    const modules = ctx.facts
      .get('version', 'go')
      .filter((f) => typeof f.meta?.['module'] === 'string')
      .map((fact) => ({ fact, value: String(fact.meta?.['module']) }));
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
      // A Go import path (`github.com/acme/payments/internal/x`): judged against the module path of
      // the system's go.mod. Same repository name under another module path: the module moved.
      if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)+\//i.test(written)) {
        const verdict = judgeModulePath(written, modules);
        if (verdict?.ok) {
          ctx.pass(claim);
          continue;
        }
        if (verdict) {
          ctx.report({
            claim,
            messageId: 'module',
            data: { path: claim.key, was: verdict.was, module: verdict.module.value },
            suggestion: verdict.to,
            expected: verdict.to,
            evidence: [{ message: `module \`${verdict.module.value}\` is declared here`, span: verdict.module.fact.origin }],
            fix: { from: verdict.was, to: verdict.module.value },
          });
          continue;
        }
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

/** The module's repository name: the last path segment that is not a major version (`/v3`). */
function repoName(modulePath: string): string {
  const segs = modulePath.split('/').filter((s) => !/^v\d+$/.test(s));
  return segs[segs.length - 1] ?? '';
}

/**
 * Judges a Go import path against the system's modules: inside a module → fine (the package folder
 * is not checked: build tags, generated code and placeholders make that unreliable); a path whose
 * repository segment names a module of the system under another host or organisation → moved.
 */
function judgeModulePath(written: string, modules: { fact: Fact; value: string }[]): { ok: true } | { ok: false; was: string; to: string; module: { fact: Fact; value: string } } | undefined {
  if (!modules.length) return undefined;
  const unversioned = (p: string) => p.split('/').filter((s) => !/^v\d+$/.test(s)).join('/');
  for (const m of modules) if (written === m.value || written.startsWith(`${m.value}/`) || unversioned(written).startsWith(`${unversioned(m.value)}/`)) return { ok: true };
  const segs = written.split('/');
  // host/org/repo[/vN]/rest: compare the repository segment with each module's repository name.
  const repo = segs[2];
  if (!repo) return undefined;
  for (const m of modules) {
    if (repoName(m.value) !== repo) continue;
    const versioned = /^v\d+$/.test(segs[3] ?? '') ? 4 : 3;
    const was = segs.slice(0, versioned).join('/');
    const rest = segs.slice(versioned).join('/');
    return { ok: false, was, to: rest ? `${m.value}/${rest}` : m.value, module: m };
  }
  return undefined;
}
