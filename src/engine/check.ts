import type { Claim, ClaimKind, Evidence, Fact, Fix, Page, Related, Severity } from '../types.js';
import type { Timeline } from '../history/timeline.js';
import type { FactBase } from '../facts/factbase.js';
import type { SystemTree } from '../facts/system.js';
import type { DocsIndex } from './docs-index.js';
import type { ConfigResolver } from './config-resolver.js';

/** Everything a check's metadata says: enough for SARIF `rules[]`, a docs page and the engine. */
export interface CheckMeta {
  /** Check id; equals the file name. */
  id: string;
  /** Category: `correctness`, `links`, ... */
  category: string;
  /** Default severity. */
  severity: Severity;
  /** One-line description. */
  description: string;
  /** The claim kinds this check judges. */
  kinds: ClaimKind[];
  /** Message templates by message id; `{{name}}` placeholders are filled from `data`. */
  messages: Record<string, string>;
  /**
   * Runs after every other check, so `ctx.passed()` is complete; its findings on claims are signals
   * about the page (an age), and leave the claims' own verdicts (verified) alone.
   */
  afterClaims?: boolean;
}

/** What a check reports; the engine stamps id, severity and renders the message. */
export interface Report {
  /** The claim at fault. */
  claim: Claim;
  /** Key into `meta.messages`. */
  messageId: string;
  /** Placeholder values. */
  data?: Record<string, string | number>;
  /** System-side evidence. */
  evidence?: Evidence[];
  /** What the system says (for `expected`). */
  expected?: string;
  /** "Did you mean" text. */
  suggestion?: string;
  /** A safe replacement. */
  fix?: Fix;
  /** Multiplies the claim's confidence (default 1). */
  confidenceFactor?: number;
  /** Other docs locations involved (the other sides of a contradiction). */
  related?: Related[];
  /** Confidence of the finding in 0..1, in place of the claim's (for signals whose strength is not the claim's). */
  confidence?: number;
}

/** A claim a check found to hold, with the facts it matched (empty when the check did not say). */
export interface Passed {
  /** The claim. */
  claim: Claim;
  /** System facts the claim resolved to. */
  facts: Fact[];
}

/**
 * What a page-level check reports: a finding about a whole page (a duplicate, an age), with no claim
 * behind it. The engine stamps id and severity and renders the message, as for {@link Report}.
 */
export interface PageReport {
  /** The page at fault. */
  page: Page;
  /** Line to report on; default the title line (the first `#` heading), else 1. */
  line?: number;
  /** Key into `meta.messages`. */
  messageId: string;
  /** Placeholder values. */
  data?: Record<string, string | number>;
  /** Evidence elsewhere (another page, a system file). */
  evidence?: Evidence[];
  /** Tells apart findings of one check on one page, in dedup and fingerprints (e.g. the other page's id). */
  key?: string;
  /** What the page says or is (for `actual`). */
  actual?: string;
  /** What it should say or be (for `expected`). */
  expected?: string;
  /** "Did you mean" text. */
  suggestion?: string;
  /** Confidence of the finding in 0..1 (default 1). */
  confidence?: number;
}

/** Run options that checks read (from `AnalyzeOptions`); absent means the check's default. */
export interface CheckOptions {
  /** Estimated Jaccard similarity at which pages are near-duplicates (near-duplicate-page). */
  nearDuplicateThreshold?: number;
  /** TF-IDF cosine at which two prose statements are about the same subject (conflicting-claims). */
  conflictSimilarity?: number;
}

/** What a check sees. Checks never mutate it except through the reporting methods. */
export interface CheckContext {
  /** Claims of the given kinds, in page and position order. */
  claims(...kinds: ClaimKind[]): Claim[];
  /** System facts. */
  facts: FactBase;
  /** The system's file tree. */
  tree: SystemTree;
  /** Pages, files and anchors of the docs roots. */
  docs: DocsIndex;
  /** Resolves config claims to facts, once per run (shared by the config checks). */
  config: ConfigResolver;
  /** The page a claim is on. */
  pageOf(claim: Claim): Page | undefined;
  /** Reports a finding. */
  report(report: Report): void;
  /** Reports a finding about a whole page, not tied to a claim. */
  reportPage(report: PageReport): void;
  /** Run options checks read. */
  options: CheckOptions;
  /** Records that a claim was judged and holds, and optionally the facts it matched (where the truth lives). */
  pass(claim: Claim, facts?: Fact | Fact[]): void;
  /** Claims that hold so far and drew no finding, in claim order (complete for `afterClaims` checks). */
  passed(): Passed[];
  /** Reference date, git history and review metadata of the run. */
  timeline: Timeline;
  /** Records that a claim could not be judged, and why. */
  unverifiable(claim: Claim, reason: string): void;
}

/** A check: metadata plus a `run` that reads the context and reports. */
export interface Check {
  /** Metadata. */
  meta: CheckMeta;
  /** Runs over the whole context. */
  run(ctx: CheckContext): void;
}

/** Declares a check (identity helper for typing, as ESLint's `createRule`). */
export function defineCheck(check: Check): Check {
  return check;
}
