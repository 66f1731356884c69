import { defineCheck, type CheckContext } from '../engine/check.js';
import { titleLine } from '../engine/run.js';
import { bandingFor, candidatePairs, estimateJaccard } from '../util/minhash.js';
import type { Page } from '../types.js';

/** Default estimated Jaccard similarity of word 5-shingles at which two pages are near-duplicates. */
export const DEFAULT_THRESHOLD = 0.8;
/** Pages with fewer words are skipped: nav and index pages are short and alike by nature. */
export const MIN_WORDS = 50;
/** Frontmatter keys that date a page's last review, in order of preference. */
export const REVIEW_KEYS = ['last_reviewed', 'lastReviewed', 'reviewed', 'last_review'];
/** Frontmatter keys that date a page's last change (`date` last: blogs use it for the first version). */
export const MODIFIED_KEYS = ['last_modified', 'lastModified', 'last_updated', 'updated', 'date'];
/** Path words that mark a page as the copy (`rollback-old.md`, `archive/rollback.md`). */
const COPY_MARK = /(?:^|[^a-z])(?:old|copy|backup|bak|archived?|deprecated|legacy|obsolete|draft|tmp)(?:[^a-z]|$)/i;

/** A page's date: epoch ms, and as shown (`reviewed 2026-05-01`, `changed 2026-05-01`). */
interface Dated {
  /** Epoch milliseconds. */
  ms: number;
  /** The verb and the day. */
  shown: string;
}

/** What decides between two twins, for one page. */
interface PageInfo {
  /** Last review or change. */
  date?: Dated;
  /** Number of other pages that link to it. */
  links: number;
}

/**
 * When a page was last reviewed or changed: the review date (the run's configured review keys, then
 * {@link REVIEW_KEYS}), else a change date ({@link MODIFIED_KEYS}), else `lastModified` (frontmatter
 * or the last commit, when the run read git history).
 */
function pageDate(ctx: CheckContext, page: Page): Dated | undefined {
  const reviewed = toDate(ctx.timeline.lifecycle(page.id)?.lastReviewed?.day, 'reviewed');
  if (reviewed) return reviewed;
  for (const key of REVIEW_KEYS) {
    const d = toDate(page.frontmatter[key], 'reviewed');
    if (d) return d;
  }
  for (const key of MODIFIED_KEYS) {
    const d = toDate(page.frontmatter[key], 'changed');
    if (d) return d;
  }
  return toDate(page.lastModified, 'changed');
}

function toDate(v: unknown, verb: string): Dated | undefined {
  let ms: number | undefined;
  if (v instanceof Date) ms = v.getTime();
  else if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v.trim())) ms = Date.parse(v.trim());
  if (ms === undefined || Number.isNaN(ms)) return undefined;
  return { ms, shown: `${verb} ${new Date(ms).toISOString().slice(0, 10)}` };
}

/** Per page id, how many other pages link to it, from the link claims resolved through the docs index. */
function inboundLinks(ctx: CheckContext): Map<string, number> {
  const from = new Map<string, Set<string>>();
  for (const claim of ctx.claims('link')) {
    const target = claim.meta?.target ?? claim.key;
    // External links and same-page anchors say nothing about which twin is in use.
    if (target === '' || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(target)) continue;
    const resolved = ctx.docs.resolve(claim.span.file, target, ctx.tree);
    if (resolved.kind !== 'page' || resolved.page.id === claim.span.file) continue;
    const set = from.get(resolved.page.id);
    if (set) set.add(claim.span.file);
    else from.set(resolved.page.id, new Set([claim.span.file]));
  }
  return new Map([...from].map(([id, s]) => [id, s.size]));
}

/**
 * Which twin to flag, and why: the one reviewed less recently (both must state a date), else the one
 * fewer pages link to, else the one whose path marks it as a copy, else the longer path, else the
 * later path. Returns the flagged page first.
 */
function loser(a: Page, b: Page, ia: PageInfo, ib: PageInfo): { lose: Page; win: Page; why: 'older' | 'lessLinked' | 'copy' } {
  if (ia.date && ib.date && ia.date.ms !== ib.date.ms) return ia.date.ms < ib.date.ms ? { lose: a, win: b, why: 'older' } : { lose: b, win: a, why: 'older' };
  if (ia.links !== ib.links) return ia.links < ib.links ? { lose: a, win: b, why: 'lessLinked' } : { lose: b, win: a, why: 'lessLinked' };
  const ca = COPY_MARK.test(a.id);
  const cb = COPY_MARK.test(b.id);
  if (ca !== cb) return ca ? { lose: a, win: b, why: 'copy' } : { lose: b, win: a, why: 'copy' };
  if (a.id.length !== b.id.length) return a.id.length > b.id.length ? { lose: a, win: b, why: 'copy' } : { lose: b, win: a, why: 'copy' };
  return a.id > b.id ? { lose: a, win: b, why: 'copy' } : { lose: b, win: a, why: 'copy' };
}

function count(n: number): string {
  return `${n} inbound link${n === 1 ? '' : 's'}`;
}

export default defineCheck({
  meta: {
    id: 'near-duplicate-page',
    category: 'consistency',
    severity: 'warning',
    description: 'Pages should not be near-copies of another page: assistants retrieve both, the old copy beside the current one.',
    kinds: [],
    messages: {
      older: 'This page is a {{similarity}}% near-duplicate of `{{twin}}` ({{twinDate}}, {{twinLinks}}), which is newer than this page ({{date}}); retire this page or merge it into the twin',
      lessLinked: 'This page is a {{similarity}}% near-duplicate of `{{twin}}` ({{twinLinks}}; this page has {{links}}); retire this page or merge it into the twin',
      copy: 'This page is a {{similarity}}% near-duplicate of `{{twin}}` ({{twinLinks}}, as many as this page), and neither is reviewed more recently; retire one of them or merge them',
    },
  },
  run(ctx) {
    const threshold = ctx.options.nearDuplicateThreshold ?? DEFAULT_THRESHOLD;
    const pages: Page[] = [];
    for (const id of ctx.docs.pageIds()) {
      const page = ctx.docs.page(id);
      if (page?.signature && (page.words ?? 0) >= MIN_WORDS) pages.push(page);
    }
    if (pages.length < 2) return;
    // LSH finds the candidate pairs; each is kept only if the signatures agree at the threshold.
    const twins: { a: Page; b: Page; similarity: number }[] = [];
    for (const { a, b } of candidatePairs(pages.map((p) => p.signature), bandingFor(threshold))) {
      const pa = pages[a] as Page;
      const pb = pages[b] as Page;
      const similarity = estimateJaccard(pa.signature as Uint32Array, pb.signature as Uint32Array);
      if (similarity >= threshold) twins.push({ a: pa, b: pb, similarity });
    }
    if (!twins.length) return;

    const links = inboundLinks(ctx);
    const infos = new Map<string, PageInfo>();
    const info = (p: Page): PageInfo => {
      let i = infos.get(p.id);
      if (!i) {
        i = { links: links.get(p.id) ?? 0 };
        const date = pageDate(ctx, p);
        if (date) i.date = date;
        infos.set(p.id, i);
      }
      return i;
    };
    type Match = { page: Page; twin: Page; similarity: number; why: 'older' | 'lessLinked' | 'copy' };
    const wins = new Map<string, Match[]>();
    for (const t of twins) {
      const { lose, win, why } = loser(t.a, t.b, info(t.a), info(t.b));
      const match = { page: lose, twin: win, similarity: t.similarity, why };
      const list = wins.get(lose.id);
      if (list) list.push(match);
      else wins.set(lose.id, [match]);
    }
    // Each flagged page names its most similar twin that is kept (not flagged itself), when there is
    // one, so that three copies point at the one to keep; ties go to the twin first in path order.
    const better = (m: Match, best: Match | undefined) =>
      !best || (wins.has(best.twin.id) && !wins.has(m.twin.id)) || (wins.has(best.twin.id) === wins.has(m.twin.id) && (m.similarity > best.similarity || (m.similarity === best.similarity && m.twin.id < best.twin.id)));
    for (const id of [...wins.keys()].sort()) {
      let best: Match | undefined;
      for (const m of wins.get(id) as Match[]) if (better(m, best)) best = m;
      const { page, twin, similarity, why } = best as Match;
      const mine = info(page);
      const theirs = info(twin);
      const twinDate = theirs.date?.shown ?? 'no review date';
      const detail = theirs.date ? `${twinDate}, ${count(theirs.links)}` : count(theirs.links);
      ctx.reportPage({
        page,
        messageId: why,
        data: { similarity: Math.round(similarity * 100), twin: twin.id, twinDate, twinLinks: count(theirs.links), date: mine.date?.shown ?? 'no review date', links: count(mine.links) },
        evidence: [{ message: `near-duplicate twin (${detail})`, span: { file: twin.id, start: { line: titleLine(twin) } } }],
        key: twin.id,
        expected: twin.id,
        confidence: similarity,
      });
    }
  },
});
