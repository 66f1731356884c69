import type { Claim, Finding, Page, Problem, Severity, Signal, Unverifiable } from './types.js';

/** Per-page summary kept in the result. */
export interface PageSummary {
  /** The page. */
  page: Page;
  /** Number of claims extracted from it. */
  claims: number;
  /** Text markers of age or intent ("deprecated", "as of 2023" ...), in line order: weak signals, not findings. */
  signals: Signal[];
  /** The signals' weights summed (each marker kind once), at most 1. */
  signalScore: number;
}

/** What the run knew about time: see `history/timeline.ts`. */
export interface TimeSummary {
  /** Reference date ages were measured against, `YYYY-MM-DD`. */
  asOf: string;
  /** Where it came from: the `asOf` option, the newest commit, the newest page review, or the clock (today). */
  asOfSource: 'option' | 'git' | 'reviews' | 'clock';
  /** Whether git history was read (`git`) or not (`none`). */
  history: 'git' | 'none';
  /** Repositories read. */
  repositories: number;
  /** Commits read (those that touched a scanned root). */
  commits: number;
  /** Why history is absent or partial, when it is. */
  note?: string;
}

/** Counts for the summary line and the report header. */
export interface Summary {
  /** Pages read. */
  pages: number;
  /** Sections across pages. */
  sections: number;
  /** Claims extracted. */
  claims: number;
  /** Claims a check judged and found consistent with the system. */
  verified: number;
  /** Claims no check could judge. */
  unverifiable: number;
  /** Facts read from the system. */
  facts: number;
  /** System files read. */
  systemFiles: number;
  /** Findings by severity. */
  bySeverity: Record<Severity, number>;
  /** Findings by check id (sorted keys). */
  byCheck: Record<string, number>;
  /** Problems met. */
  problems: number;
  /** Reference date and history read, when known. */
  time?: TimeSummary;
}

/** Check metadata as exposed in reports (SARIF rules, docs links). */
export interface CheckInfo {
  /** Check id. */
  id: string;
  /** One-line description. */
  description: string;
  /** Default severity. */
  severity: Severity;
  /** Category (correctness, links, ...). */
  category: string;
  /** Relative docs page for the check. */
  docs: string;
}

/** Everything one run produced; formatters turn it into text. */
export interface AnalysisResult {
  /** Tool name and version. */
  tool: { name: string; version: string };
  /** Roots as given (relative to cwd where possible). */
  roots: { docs: string[]; system: string[] };
  /** Summary counts. */
  summary: Summary;
  /** Findings, ranked: most urgent first, deterministic order. */
  findings: Finding[];
  /** Claims no check could judge. */
  unverifiable: Unverifiable[];
  /** Claims that were checked and hold. */
  verified: Claim[];
  /** Pages in path order. */
  pages: PageSummary[];
  /** Inputs or checks that went wrong. */
  problems: Problem[];
  /** Checks that ran. */
  checks: CheckInfo[];
}
