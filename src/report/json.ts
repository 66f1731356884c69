import type { AnalysisResult } from '../result.js';
import type { Finding } from '../types.js';

/** Version of the report.json shape; bumped on any incompatible change. */
export const REPORT_SCHEMA_VERSION = 1;

/** One finding as written to report.json. */
export interface JsonFinding {
  checkId: string;
  severity: string;
  confidence: number;
  score: number;
  message: string;
  file: string;
  line: number;
  column: number | null;
  section: string;
  claimKind: string | null;
  key: string | null;
  raw: string | null;
  actual: string | null;
  expected: string | null;
  evidence: { file: string; line: number; value: string | null; message: string }[];
  /** Other docs locations the finding involves (the other pages of a contradiction). */
  related: { file: string; line: number; value: string | null; message: string }[];
  suggestion: string | null;
  fix: { from: string; to: string } | null;
  fingerprint: string;
}

/** Shapes a finding for report.json: every field present, `null` where there is nothing. */
export function jsonFinding(f: Finding): JsonFinding {
  return {
    checkId: f.checkId,
    severity: f.severity,
    confidence: f.confidence,
    score: f.score,
    message: f.message,
    file: f.span.file,
    line: f.span.start.line,
    column: f.span.start.column ?? null,
    section: f.sectionId,
    claimKind: f.claim?.kind ?? null,
    key: f.claim?.key ?? null,
    raw: f.claim?.raw ?? null,
    actual: f.actual ?? null,
    expected: f.expected ?? null,
    evidence: f.evidence.map((e) => ({ file: e.span.file, line: e.span.start.line, value: e.value ?? null, message: e.message })),
    related: (f.related ?? []).map((r) => ({ file: r.span.file, line: r.span.start.line, value: r.value ?? null, message: r.message })),
    suggestion: f.suggestion ?? null,
    fix: f.fix ?? null,
    fingerprint: f.fingerprint,
  };
}

/**
 * report.json: a stable, documented shape (README, "report.json"). Deterministic: no timestamps, no
 * absolute paths, findings in rank order, everything else in path order.
 */
export function formatJson(result: AnalysisResult): string {
  const doc = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: result.tool,
    roots: result.roots,
    summary: result.summary,
    findings: result.findings.map(jsonFinding),
    unverifiable: result.unverifiable.map((u) => ({
      file: u.claim.span.file,
      line: u.claim.span.start.line,
      kind: u.claim.kind,
      key: u.claim.key,
      raw: u.claim.raw,
      reason: u.reason,
    })),
    pages: result.pages.map((p) => ({
      file: p.page.id,
      title: p.page.title,
      owners: p.page.owners ?? [],
      sections: p.page.sections.map((s) => ({ id: s.id, heading: s.heading, depth: s.depth, line: s.span.start.line, endLine: s.span.end?.line ?? s.span.start.line })),
      claims: p.claims,
      findings: result.findings.filter((f) => f.pageId === p.page.id).length,
      lastModified: p.page.lastModified ?? null,
      signals: p.signals,
      signalScore: p.signalScore,
    })),
    problems: result.problems,
    checks: result.checks,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
