import type { Claim, Finding, Severity } from '../types.js';
import type { PageSummary, Summary, TimeSummary } from '../result.js';

/** How much each severity weighs in a finding's score. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Scores findings (severity x confidence) and sorts them: highest score, then page, line, column, check. */
export function rankFindings(findings: Finding[]): Finding[] {
  for (const f of findings) f.score = Math.round(SEVERITY_WEIGHT[f.severity] * f.confidence * 1000) / 1000;
  return [...findings].sort(compareFindings);
}

/** The deterministic order of findings. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    b.score - a.score ||
    a.span.file.localeCompare(b.span.file) ||
    a.span.start.line - b.span.start.line ||
    (a.span.start.column ?? 0) - (b.span.start.column ?? 0) ||
    a.checkId.localeCompare(b.checkId) ||
    a.message.localeCompare(b.message)
  );
}

/** Counts for the summary. */
export function summarize(input: {
  pages: PageSummary[];
  claims: Claim[];
  findings: Finding[];
  verified: number;
  unverifiable: number;
  facts: number;
  systemFiles: number;
  problems: number;
  time?: TimeSummary;
}): Summary {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byCheck: Record<string, number> = {};
  for (const f of input.findings) {
    bySeverity[f.severity]++;
    byCheck[f.checkId] = (byCheck[f.checkId] ?? 0) + 1;
  }
  const sortedByCheck: Record<string, number> = {};
  for (const k of Object.keys(byCheck).sort()) sortedByCheck[k] = byCheck[k] as number;
  return {
    pages: input.pages.length,
    sections: input.pages.reduce((n, p) => n + p.page.sections.length, 0),
    claims: input.claims.length,
    verified: input.verified,
    unverifiable: input.unverifiable,
    facts: input.facts,
    systemFiles: input.systemFiles,
    bySeverity,
    byCheck: sortedByCheck,
    problems: input.problems,
    ...(input.time ? { time: input.time } : {}),
  };
}
