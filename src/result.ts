import type { Claim, Finding, Page, Problem, Severity, Unverifiable } from './types.js';

/** Per-page summary kept in the result. */
export interface PageSummary {
  /** The page. */
  page: Page;
  /** Number of claims extracted from it. */
  claims: number;
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
