import type { Severity } from './types.js';

/** Per-check setting: `off`, or a severity that overrides the check's default. */
export type CheckSetting = 'off' | Severity;

/** Everything `analyze()` needs. Paths are absolute or relative to `cwd`. */
export interface AnalyzeOptions {
  /** Documentation roots (folders of pages). */
  docs: string[];
  /** System roots (the config and code the pages describe). */
  system: string[];
  /** Globs of pages to read under each docs root (default: Markdown files). */
  include?: string[];
  /** Globs to leave out (under docs and system roots), on top of `.gitignore`. */
  exclude?: string[];
  /** Per-check severity overrides or `off`. */
  checks?: Record<string, CheckSetting>;
  /** Findings below this confidence are reported as `suspect` (severity lowered to `info`). Default 0.5. */
  minConfidence?: number;
  /** Largest file read, in bytes (default 5 MiB). */
  maxFileBytes?: number;
  /** Estimated Jaccard similarity (0.5 to 1) at which two pages are near-duplicates. Default 0.8. */
  nearDuplicateThreshold?: number;
  /** TF-IDF cosine (0 to 1) at which two prose statements on different pages are about the same subject (conflicting-claims). Default 0.6. */
  conflictSimilarity?: number;
  /** Base for relative paths (default `process.cwd()`). */
  cwd?: string;
  /**
   * Reference date (`YYYY-MM-DD`) ages are measured against. Default: the newest commit that touched
   * a scanned root, else the newest `last_reviewed` of a page, else today (the only clock-dependent case).
   */
  asOf?: string;
  /** Read git history of the roots (default true); `false` turns the history signals off. */
  git?: boolean;
  /** Commits to a cited system file after the page's last change that make it suspect (outdated-source). Default 10. */
  gitChurnThreshold?: number;
  /** Frontmatter names of review metadata and the review interval. */
  review?: ReviewOptions;
}

/** Frontmatter keys read for review metadata (first present wins), and the review interval. */
export interface ReviewOptions {
  /** Keys of the last review date. Default `last_reviewed`, `reviewed`, `lastReviewed`, `last_review`. */
  lastReviewed?: string[];
  /** Keys of the date a review is due by. Default `review_by`, `reviewBy`, `next_review`. */
  reviewBy?: string[];
  /** Keys of the owners. Default `owner`, `owners`, `maintainer`, `maintainers`. */
  owner?: string[];
  /** Keys of the page status. Default `status`. */
  status?: string[];
  /** Status values that retire a page (archived-page). Default `deprecated`, `archived`, `obsolete`. */
  archived?: string[];
  /** Days after the last review a page is due again (review-overdue). Default 180. */
  intervalDays?: number;
}
