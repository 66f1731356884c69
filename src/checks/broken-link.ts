import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineCheck } from '../engine/check.js';
import { similarity } from '../util/similarity.js';
import type { Page } from '../types.js';

/** The closest anchor on a page, for "did you mean". */
function nearestAnchor(page: Page, anchor: string): string | undefined {
  let best: { a: string; s: number } | undefined;
  for (const a of page.anchors) {
    const s = similarity(anchor, a);
    if (s >= 0.6 && (!best || s > best.s || (s === best.s && a < best.a))) best = { a, s };
  }
  return best?.a;
}

/** Pages by bare name (no folders, extension or `NN-` ordering prefix), built once per run. */
function pagesByName(ids: string[]): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const id of ids) {
    const name = bareName(id);
    const list = byName.get(name);
    if (list) list.push(id);
    else byName.set(name, [id]);
  }
  return byName;
}

function bareName(p: string): string {
  return path.posix.basename(p).replace(/\.\w+$/, '').replace(/^\d+[-_]/, '').toLowerCase();
}

/**
 * The closest page to a missing target, for "did you mean": a page with the same name elsewhere
 * (moved), else a close name of similar length (renamed or misspelt). Names far apart in length
 * are not compared, which keeps this linear in practice on large wikis.
 */
function nearestPage(byName: Map<string, string[]>, rel: string): string | undefined {
  const name = bareName(rel);
  const same = byName.get(name);
  if (same?.length === 1) return same[0];
  let best: { id: string; s: number } | undefined;
  for (const [other, ids] of byName) {
    if (ids.length !== 1 || Math.abs(other.length - name.length) > 4) continue;
    const s = similarity(name, other);
    if (s >= 0.8 && (!best || s > best.s || (s === best.s && (ids[0] as string) < best.id))) best = { id: ids[0] as string, s };
  }
  return best?.id;
}

function anchorMatches(page: Page, anchor: string): boolean {
  if (page.anchors.includes(anchor)) return true;
  const lower = anchor.toLowerCase();
  return page.anchors.some((a) => a.toLowerCase() === lower);
}

export default defineCheck({
  meta: {
    id: 'broken-link',
    category: 'links',
    severity: 'warning',
    description: 'Links between pages and into the system must point at files and headings that exist.',
    kinds: ['link'],
    messages: {
      missingPage: 'Link target `{{target}}` does not exist',
      missingPageNear: 'Link target `{{target}}` does not exist; did you mean `{{suggestion}}`?',
      missingAnchor: 'Heading `#{{anchor}}` does not exist on {{page}}',
      missingAnchorNear: 'Heading `#{{anchor}}` does not exist on {{page}}; did you mean `#{{suggestion}}`?',
    },
  },
  run(ctx) {
    const byName = pagesByName(ctx.docs.pageIds());
    for (const claim of ctx.claims('link')) {
      const target = claim.meta?.target ?? claim.key;
      if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(target)) {
        ctx.unverifiable(claim, 'external link: docdrift does not fetch URLs');
        continue;
      }
      const anchor = claim.meta?.anchor;
      const from = claim.span.file;
      let page: Page | undefined;
      if (target === '') {
        page = ctx.docs.page(from);
      } else {
        const resolved = ctx.docs.resolve(from, target, ctx.tree);
        if (resolved.kind === 'missing') {
          const near = nearestPage(byName, resolved.rel);
          const rel = near ? path.posix.relative(path.posix.dirname(from), near) : undefined;
          if (rel) {
            ctx.report({ claim, messageId: 'missingPageNear', data: { target, suggestion: rel }, suggestion: rel, expected: rel, fix: { from: target, to: rel },
              evidence: [{ message: 'a page with a close name exists', span: { file: near as string, start: { line: 1 } } }] });
          } else ctx.report({ claim, messageId: 'missingPage', data: { target } });
          continue;
        }
        if (resolved.kind === 'outside') {
          if (existsSync(resolved.abs)) ctx.pass(claim);
          else ctx.unverifiable(claim, 'link points outside the docs and system roots');
          continue;
        }
        if (resolved.kind !== 'page') {
          ctx.pass(claim); // a file: anchors into source files (#L10) are not headings
          continue;
        }
        page = resolved.page;
      }
      if (!page || anchor === undefined || anchor === '') {
        ctx.pass(claim);
        continue;
      }
      if (anchorMatches(page, anchor)) {
        ctx.pass(claim);
        continue;
      }
      const near = nearestAnchor(page, anchor);
      const data = { anchor, page: page.id === from ? 'this page' : `\`${page.id}\``, suggestion: near ?? '' };
      ctx.report({
        claim,
        messageId: near ? 'missingAnchorNear' : 'missingAnchor',
        data,
        evidence: [{ message: `headings of ${page.id}: ${page.anchors.slice(0, 8).join(', ') || '(none)'}`, span: { file: page.id, start: { line: 1 } } }],
        ...(near ? { suggestion: `#${near}`, expected: `#${near}`, fix: { from: `#${anchor}`, to: `#${near}` } } : {}),
      });
    }
  },
});
