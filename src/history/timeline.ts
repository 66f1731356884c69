import type { GitHistory, RootHistory } from './git.js';
import type { PageLifecycle, ReviewSettings } from './lifecycle.js';
import { DEFAULT_REVIEW } from './lifecycle.js';
import { dayOfTime } from './dates.js';

/** Where the reference date came from: the `asOf` option, the newest commit, the newest review, or the clock. */
export type AsOfSource = 'option' | 'git' | 'reviews' | 'clock';

/** The last commit that touched a file. */
export interface Change {
  /** Repository index (ordinals compare only within one repository). */
  repo: number;
  /** Position in that repository's log; 0 is the newest. */
  ordinal: number;
  /** Commit time, unix seconds. */
  time: number;
  /** Commit day, `YYYY-MM-DD` (UTC). */
  day: string;
}

/** Maps a docs page id or a system file (as facts show it) to its root and root-relative path. */
export type Locator = (id: string) => { root: string; rel: string } | undefined;

/** Inputs of {@link Timeline}. */
export interface TimelineInput {
  /** Git history, when it was read. */
  git?: GitHistory;
  /** Why git history is absent, when it is (git turned off, missing, no repository). */
  note?: string;
  /** Finds a page's root. */
  page?: Locator;
  /** Finds a system file's root. */
  file?: Locator;
  /** Lifecycle metadata by page id. */
  lifecycles?: Map<string, PageLifecycle>;
  /** The reference date given as an option (`YYYY-MM-DD`). */
  asOf?: string;
  /** Commits to a cited file after the page's last change that make the page suspect. */
  churnThreshold?: number;
  /** Review settings. */
  review?: ReviewSettings;
  /** Today (`YYYY-MM-DD`): the last resort for the reference date. Default: the clock, UTC. */
  today?: string;
}

/**
 * What a run knows about time: the reference date every age is measured against (`asOf`), the git
 * history of the roots, and each page's review metadata. The reference date is, in order: the
 * `asOf` option, the newest commit that touched a scanned root, the newest `last_reviewed` date of a
 * page, today. The first three keep two runs over the same input byte-identical; only the last
 * depends on the clock, and the report says which one was used.
 */
export class Timeline {
  /** The reference date, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** Where it came from. */
  readonly asOfSource: AsOfSource;
  /** Commits to a cited file after the page's last change that make the page suspect. */
  readonly churnThreshold: number;
  /** Review settings. */
  readonly review: ReviewSettings;
  /** Why history is missing for some or all roots. */
  readonly note: string | undefined;

  constructor(private readonly input: TimelineInput = {}) {
    this.churnThreshold = input.churnThreshold ?? 10;
    this.review = input.review ?? DEFAULT_REVIEW;
    this.note = input.note ?? input.git?.note;
    const newestCommit = Math.max(0, ...(input.git?.repos ?? []).map((r) => r.times[0] ?? 0));
    const reviewed = [...(input.lifecycles?.values() ?? [])].map((l) => l.lastReviewed?.day).filter((d): d is string => !!d).sort();
    if (input.asOf) [this.asOf, this.asOfSource] = [input.asOf, 'option'];
    else if (newestCommit > 0) [this.asOf, this.asOfSource] = [dayOfTime(newestCommit), 'git'];
    else if (reviewed.length) [this.asOf, this.asOfSource] = [reviewed[reviewed.length - 1] as string, 'reviews'];
    else [this.asOf, this.asOfSource] = [input.today ?? new Date().toISOString().slice(0, 10), 'clock'];
  }

  /** Whether any git history was read. */
  get hasHistory(): boolean {
    return (this.input.git?.repos.length ?? 0) > 0;
  }

  /** Repositories and commits read. */
  get historySize(): { repositories: number; commits: number } {
    const repos = this.input.git?.repos ?? [];
    return { repositories: repos.length, commits: repos.reduce((n, r) => n + r.times.length, 0) };
  }

  /** Review metadata of a page. */
  lifecycle(pageId: string): PageLifecycle | undefined {
    return this.input.lifecycles?.get(pageId);
  }

  /** The last commit that touched a page. */
  pageChange(pageId: string): Change | undefined {
    return this.change(this.input.page, pageId);
  }

  /** The last commit that touched a system file (as facts show it: `origin.file`). */
  fileChange(file: string): Change | undefined {
    return this.change(this.input.file, file);
  }

  /**
   * Commits that touched a system file after a point: after a commit (compared by position when both
   * are in one repository, by time otherwise), or after a unix time.
   */
  commitsSince(file: string, since: Change | { time: number }): number {
    const found = this.rootOf(this.input.file, file);
    const list = found?.history.touches?.get(found.rel);
    if (!found || !list) return 0;
    const times = this.input.git?.repos[found.history.repo]?.times ?? [];
    if ('ordinal' in since && since.repo === found.history.repo) {
      let n = 0;
      for (const o of list) if (o < since.ordinal) n++;
      return n;
    }
    let n = 0;
    for (const o of list) if ((times[o] ?? 0) > since.time) n++;
    return n;
  }

  private change(locate: Locator | undefined, id: string): Change | undefined {
    const found = this.rootOf(locate, id);
    const ordinal = found?.history.last.get(found.rel);
    if (!found || ordinal === undefined) return undefined;
    const time = this.input.git?.repos[found.history.repo]?.times[ordinal] ?? 0;
    return { repo: found.history.repo, ordinal, time, day: dayOfTime(time) };
  }

  private rootOf(locate: Locator | undefined, id: string): { history: RootHistory; rel: string } | undefined {
    const where = locate?.(id);
    const history = where ? this.input.git?.roots.get(where.root) : undefined;
    return where && history ? { history, rel: where.rel } : undefined;
  }
}
