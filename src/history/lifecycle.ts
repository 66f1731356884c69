import type { Page } from '../types.js';
import type { ReviewOptions } from '../options.js';
import { toDay } from './dates.js';

/** Frontmatter names read for review metadata, and the review interval, with defaults filled in. */
export interface ReviewSettings {
  /** Keys holding the date a page was last reviewed. */
  lastReviewed: string[];
  /** Keys holding the date a page must be reviewed by. */
  reviewBy: string[];
  /** Keys holding the page's owners. */
  owner: string[];
  /** Keys holding the page's status. */
  status: string[];
  /** Status values (lower case) that mark a page as retired. */
  archived: string[];
  /** Days after `last_reviewed` a page is due for review again. */
  intervalDays: number;
}

/** The defaults of {@link ReviewSettings}. */
export const DEFAULT_REVIEW: ReviewSettings = {
  lastReviewed: ['last_reviewed', 'reviewed', 'lastReviewed', 'last_review'],
  reviewBy: ['review_by', 'reviewBy', 'next_review'],
  owner: ['owner', 'owners', 'maintainer', 'maintainers'],
  status: ['status'],
  archived: ['deprecated', 'archived', 'obsolete'],
  intervalDays: 180,
};

/** Fills review options in over the defaults. */
export function reviewSettings(options: ReviewOptions | undefined): ReviewSettings {
  return {
    lastReviewed: options?.lastReviewed ?? DEFAULT_REVIEW.lastReviewed,
    reviewBy: options?.reviewBy ?? DEFAULT_REVIEW.reviewBy,
    owner: options?.owner ?? DEFAULT_REVIEW.owner,
    status: options?.status ?? DEFAULT_REVIEW.status,
    archived: (options?.archived ?? DEFAULT_REVIEW.archived).map((s) => s.toLowerCase()),
    intervalDays: options?.intervalDays ?? DEFAULT_REVIEW.intervalDays,
  };
}

/** A frontmatter field as written, with its line. */
export interface Field {
  /** The key as written. */
  key: string;
  /** The value as written (strings as is, dates as `YYYY-MM-DD`, anything else as JSON). */
  raw: string;
  /** 1-based line of the key in the page (1 when it cannot be found). */
  line: number;
}

/** A date field: `day` is absent when the value is not a date. */
export interface DateField extends Field {
  /** The date as `YYYY-MM-DD`, when it is one. */
  day?: string;
}

/** What a page's metadata says about its lifecycle. */
export interface PageLifecycle {
  /** When it was last reviewed. */
  lastReviewed?: DateField;
  /** When it must be reviewed by. */
  reviewBy?: DateField;
  /** Its status, when the status marks it retired (`status: deprecated`, or `deprecated: true`). */
  archived?: Field & { status: string };
  /** Owners named by the configured keys. */
  owners: string[];
}

/**
 * Reads review metadata from a page's frontmatter with the configured key names; lines come from
 * the page text, where the frontmatter block is scanned for top-level keys.
 */
export function readLifecycle(page: Page, text: string, settings: ReviewSettings): PageLifecycle {
  const fm = page.frontmatter;
  const lines = frontmatterLines(text);
  const field = (keys: string[]): Field | undefined => {
    for (const key of keys) {
      const v = fm[key];
      if (v === undefined || v === null || v === '') continue;
      const raw = typeof v === 'string' ? v : v instanceof Date ? (toDay(v) ?? String(v)) : JSON.stringify(v);
      return { key, raw, line: lines.get(key) ?? 1 };
    }
    return undefined;
  };
  const dateField = (keys: string[]): DateField | undefined => {
    const f = field(keys);
    if (!f) return undefined;
    const day = toDay(fm[f.key]);
    return day ? { ...f, day } : f;
  };
  const out: PageLifecycle = { owners: ownersFrom(fm, settings.owner) };
  const lastReviewed = dateField(settings.lastReviewed);
  if (lastReviewed) out.lastReviewed = lastReviewed;
  const reviewBy = dateField(settings.reviewBy);
  if (reviewBy) out.reviewBy = reviewBy;
  const status = field(settings.status);
  if (status && settings.archived.includes(status.raw.trim().toLowerCase())) out.archived = { ...status, status: status.raw.trim().toLowerCase() };
  else {
    // `deprecated: true` says the same as `status: deprecated`.
    for (const value of settings.archived) {
      const key = Object.keys(fm).find((k) => k.toLowerCase() === value && fm[k] === true);
      if (key) {
        out.archived = { key, raw: 'true', line: lines.get(key) ?? 1, status: value };
        break;
      }
    }
  }
  return out;
}

/** Owners under the given keys: a string (comma or space separated) or a list of strings. */
export function ownersFrom(frontmatter: Record<string, unknown>, keys: string[]): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const v = frontmatter[key];
    if (typeof v === 'string') out.push(...v.split(/[,\s]+/).filter(Boolean));
    else if (Array.isArray(v)) for (const x of v) if (typeof x === 'string' && x.trim()) out.push(x.trim());
  }
  return [...new Set(out)];
}

/** The last-modified date a page's frontmatter states (`last_modified`, `updated`, Docusaurus `last_update.date` ...), as `YYYY-MM-DD`. */
export function frontmatterLastModified(frontmatter: Record<string, unknown>): string | undefined {
  for (const key of ['last_modified', 'lastModified', 'last_updated', 'lastUpdated', 'updated', 'last_update']) {
    const v = frontmatter[key];
    const day = toDay(v) ?? (v && typeof v === 'object' && !(v instanceof Date) ? toDay((v as Record<string, unknown>)['date']) : undefined);
    if (day) return day;
  }
  return undefined;
}

/** Line of each top-level key of the page's YAML (`---`) or TOML (`+++`) frontmatter. */
function frontmatterLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const lines = text.split(/\r?\n/, 400);
  const fence = lines[0]?.trim();
  if (fence !== '---' && fence !== '+++') return out;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === fence) break;
    const m = /^(["']?)([^\s"':=#][^"':=]*?)\1\s*[:=]/.exec(line);
    if (m?.[2] && !out.has(m[2])) out.set(m[2], i + 1);
  }
  return out;
}
