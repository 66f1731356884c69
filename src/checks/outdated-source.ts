import { defineCheck, type CheckContext, type Passed } from '../engine/check.js';
import type { Claim, ClaimKind, Fact, FactKind } from '../types.js';
import { endOfDay } from '../history/dates.js';
import type { Change } from '../history/timeline.js';

/**
 * Where the facts of a passing claim live when the check that passed it did not say: the facts of
 * the claim's kind with its key. Paths and links are left out: a path claim says the file exists,
 * and edits to the file say nothing about that.
 */
const FACT_KINDS: Partial<Record<ClaimKind, FactKind[]>> = {
  'env-var': ['env-var'],
  script: ['script', 'make-target'],
  'cli-command': ['cli-command'],
  'cli-flag': ['cli-flag'],
  route: ['route'],
  port: ['port'],
  metric: ['metric'],
  version: ['version', 'engine', 'dependency'],
};

function factsOf(ctx: CheckContext, p: Passed): Fact[] {
  if (p.facts.length) return p.facts;
  const { claim } = p;
  if (claim.kind === 'config-key' || claim.kind === 'config-value') {
    const r = ctx.config.resolve(claim);
    return r.status === 'found' ? r.facts : [];
  }
  return (FACT_KINDS[claim.kind] ?? []).flatMap((k) => ctx.facts.get(k, claim.key));
}

/** Confidence grows slowly with churn, and always stays under the default suspect threshold (0.5). */
function confidenceOf(commits: number, threshold: number): number {
  return Math.round(Math.min(0.45, 0.3 + 0.05 * Math.log2(commits / threshold)) * 100) / 100;
}

export default defineCheck({
  meta: {
    id: 'outdated-source',
    category: 'lifecycle',
    severity: 'info',
    description: 'A page whose verified claims live in system files that changed in many commits since the page did is suspect.',
    kinds: [],
    afterClaims: true,
    messages: {
      edited: '`{{key}}` still exists, but `{{file}}` changed in {{count}} commits since this page was last edited ({{date}})',
      reviewed: '`{{key}}` still exists, but `{{file}}` changed in {{count}} commits since this page was last reviewed ({{date}})',
    },
  },
  run(ctx) {
    const t = ctx.timeline;
    if (!t.hasHistory) return; // the summary says why there is no history
    const byPage = new Map<string, Passed[]>();
    for (const p of ctx.passed()) {
      const list = byPage.get(p.claim.span.file);
      if (list) list.push(p);
      else byPage.set(p.claim.span.file, [p]);
    }
    for (const [pageId, passed] of byPage) {
      const change = t.pageChange(pageId);
      if (!change) continue; // not committed: no "last edited" to measure from
      // A review after the last edit vouches for the page up to that day.
      const reviewed = t.lifecycle(pageId)?.lastReviewed?.day;
      const reviewedAt = reviewed ? endOfDay(reviewed) : 0;
      const since: Change | { time: number } = reviewedAt > change.time ? { time: reviewedAt } : change;
      const how = reviewedAt > change.time ? 'reviewed' : 'edited';
      const date = reviewedAt > change.time ? (reviewed as string) : change.day;
      // Each claim counts for the file of its facts that changed most; one finding per file, on
      // the first claim that resolved to it.
      const byFile = new Map<string, { claim: Claim; fact: Fact; count: number; claims: number }>();
      const counts = new Map<string, number>();
      for (const p of passed) {
        let best: { fact: Fact; count: number } | undefined;
        for (const fact of factsOf(ctx, p)) {
          const file = fact.origin.file;
          let count = counts.get(file);
          if (count === undefined) counts.set(file, (count = t.commitsSince(file, since)));
          if (count >= t.churnThreshold && (!best || count > best.count)) best = { fact, count };
        }
        if (!best) continue;
        const entry = byFile.get(best.fact.origin.file);
        if (entry) entry.claims++;
        else byFile.set(best.fact.origin.file, { claim: p.claim, fact: best.fact, count: best.count, claims: 1 });
      }
      for (const [file, e] of byFile) {
        const last = t.fileChange(file);
        const others = e.claims > 1 ? `; ${e.claims - 1} more claim${e.claims > 2 ? 's' : ''} on this page resolve to it` : '';
        ctx.report({
          claim: e.claim,
          messageId: how,
          data: { key: e.claim.key, file, count: e.count, date },
          confidence: confidenceOf(e.count, t.churnThreshold),
          evidence: [{ message: `\`${e.fact.key}\` is defined here; ${file} changed in ${e.count} commits since ${date}${last ? `, last on ${last.day}` : ''}${others}`, span: e.fact.origin }],
        });
      }
    }
  },
});
