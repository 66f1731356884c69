import type { AnalyzeOptions } from '../options.js';
import type { ParsedPage } from '../parse/ir.js';
import type { PageSummary, TimeSummary } from '../result.js';
import type { SystemTree } from '../facts/system.js';
import { findMarkers, signalsAsOf, signalScore, type MarkerHit } from '../extract/markers.js';
import { UserError } from '../util/errors.js';
import { readGitHistory, type HistoryRoot } from './git.js';
import { frontmatterLastModified, readLifecycle, reviewSettings, type PageLifecycle, type ReviewSettings } from './lifecycle.js';
import { Timeline, type Locator } from './timeline.js';
import { toDay } from './dates.js';

/**
 * The age and intent side of a run: while pages are parsed it keeps each page's review metadata and
 * text markers (not its text); then it reads the git history of the roots once and settles the
 * reference date; last it fills the page summaries. The checks read the resulting {@link Timeline}.
 */
export class PageAges {
  private readonly review: ReviewSettings;
  private readonly lifecycles = new Map<string, PageLifecycle>();
  private readonly markers = new Map<string, MarkerHit[]>();

  /** Validates the age options; a bad one is a user error naming it. */
  constructor(private readonly options: AnalyzeOptions) {
    const { asOf, gitChurnThreshold, review } = options;
    if (asOf !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || toDay(asOf) !== asOf)) throw new UserError(`asOf must be a date written YYYY-MM-DD, got "${asOf}"`);
    if (gitChurnThreshold !== undefined && !(Number.isInteger(gitChurnThreshold) && gitChurnThreshold >= 1)) throw new UserError(`gitChurnThreshold must be a whole number of commits (1 or more), got ${gitChurnThreshold}`);
    if (review?.intervalDays !== undefined && !(Number.isInteger(review.intervalDays) && review.intervalDays >= 1)) throw new UserError(`review.intervalDays must be a whole number of days (1 or more), got ${review.intervalDays}`);
    this.review = reviewSettings(review);
  }

  /** Reads a page's review metadata and text markers, before its blocks are dropped. */
  read(parsed: ParsedPage, text: string): void {
    this.lifecycles.set(parsed.page.id, readLifecycle(parsed.page, text, this.review));
    this.markers.set(parsed.page.id, findMarkers(parsed.blocks));
  }

  /** Reads the roots' git history (one `git log` per repository) and settles the reference date. */
  async timeline(docsRoots: { abs: string; prefix: string }[], tree: SystemTree, label: (abs: string) => string): Promise<Timeline> {
    const roots: HistoryRoot[] = [];
    for (const r of docsRoots) if (!roots.some((x) => x.abs === r.abs)) roots.push({ abs: r.abs, label: label(r.abs), touches: false });
    for (const abs of tree.roots) {
      const existing = roots.find((x) => x.abs === abs);
      if (existing) existing.touches = true;
      else roots.push({ abs, label: label(abs), touches: true });
    }
    const git = this.options.git === false ? undefined : await readGitHistory(roots);
    const page: Locator = (id) => {
      for (const r of docsRoots) {
        if (!r.prefix) return { root: r.abs, rel: id };
        if (id.startsWith(r.prefix + '/')) return { root: r.abs, rel: id.slice(r.prefix.length + 1) };
      }
      return undefined;
    };
    const file: Locator = (display) => {
      if (tree.roots.length === 1 && tree.labels[0] === '.' && !display.startsWith('./')) return { root: tree.roots[0] as string, rel: display };
      let best: { root: string; rel: string } | undefined;
      tree.labels.forEach((l, i) => {
        if (display.startsWith(l + '/') && (!best || display.length - l.length - 1 < best.rel.length)) best = { root: tree.roots[i] as string, rel: display.slice(l.length + 1) };
      });
      return best;
    };
    return new Timeline({
      ...(git ? { git } : { note: 'git history not read (turned off with `git: false`)' }),
      page,
      file,
      lifecycles: this.lifecycles,
      ...(this.options.asOf ? { asOf: this.options.asOf } : {}),
      ...(this.options.gitChurnThreshold ? { churnThreshold: this.options.gitChurnThreshold } : {}),
      review: this.review,
    });
  }

  /** Fills each page summary: signals as of the reference date, owners by the configured keys, and `lastModified` (frontmatter, else git). */
  apply(pages: PageSummary[], timeline: Timeline): void {
    const year = Number(timeline.asOf.slice(0, 4));
    for (const p of pages) {
      const id = p.page.id;
      p.signals = signalsAsOf(this.markers.get(id) ?? [], year);
      p.signalScore = signalScore(p.signals);
      const lifecycle = this.lifecycles.get(id);
      if (this.options.review?.owner && lifecycle) {
        if (lifecycle.owners.length) p.page.owners = lifecycle.owners;
        else delete p.page.owners;
      }
      const stated = frontmatterLastModified(p.page.frontmatter);
      const change = stated ? undefined : timeline.pageChange(id);
      if (stated) p.page.lastModified = stated;
      else if (change) p.page.lastModified = new Date(change.time * 1000).toISOString().replace('.000Z', 'Z');
    }
  }

  /** The reference date and history, for the report summary. */
  summary(timeline: Timeline): TimeSummary {
    const size = timeline.historySize;
    const out: TimeSummary = { asOf: timeline.asOf, asOfSource: timeline.asOfSource, history: timeline.hasHistory ? 'git' : 'none', ...size };
    if (timeline.note) out.note = timeline.note;
    return out;
  }
}
