import { createHash } from 'node:crypto';
import type { Claim, ClaimKind, Fact, Finding, Page, Problem, Severity, Unverifiable } from '../types.js';
import type { CheckSetting } from '../options.js';
import type { Check, CheckContext, CheckOptions, PageReport, Report } from './check.js';
import type { FactBase } from '../facts/factbase.js';
import type { SystemTree } from '../facts/system.js';
import type { DocsIndex } from './docs-index.js';
import { ConfigResolver } from './config-resolver.js';
import { Timeline } from '../history/timeline.js';
import { errorMessage } from '../util/errors.js';

/** Inputs of {@link runChecks}. */
export interface EngineInput {
  /** Checks to run (already filtered for `off`). */
  checks: Check[];
  /** Severity overrides by check id. */
  settings: Record<string, CheckSetting>;
  /** All claims, in page and position order. */
  claims: Claim[];
  /** System facts. */
  facts: FactBase;
  /** System tree. */
  tree: SystemTree;
  /** Docs index. */
  docs: DocsIndex;
  /** Findings below this confidence are lowered to `info` (suspect). */
  minConfidence: number;
  /** Options checks read. */
  options?: CheckOptions;
  /** Reference date, git history and review metadata (default: none known, today as the date). */
  timeline?: Timeline;
}

/** What the engine hands back. */
export interface EngineOutput {
  /** Findings in claim order (ranking happens later). */
  findings: Finding[];
  /** Claims judged and found to hold. */
  verified: Claim[];
  /** Claims nothing could judge. */
  unverifiable: Unverifiable[];
  /** Checks that crashed. */
  problems: Problem[];
}

/**
 * Runs every check over the claims. Each claim ends in exactly one state: a finding beats a pass,
 * a pass beats "could not check", and a claim no check looked at is unverifiable, never a silent pass.
 * A check that throws becomes a problem; the others still run. Checks marked `afterClaims` run last
 * and read the passes (`ctx.passed()`); their findings on claims are signals about the page, so
 * those claims stay verified.
 */
/** Most facts kept per passing claim. */
const MAX_MATCHED_FACTS = 16;

export function runChecks(input: EngineInput): EngineOutput {
  const byKind = new Map<ClaimKind, Claim[]>();
  const blocks = new Map<string, Claim[]>();
  for (const c of input.claims) {
    const list = byKind.get(c.kind);
    if (list) list.push(c);
    else byKind.set(c.kind, [c]);
    const blockId = c.meta?.blockId;
    if (blockId) {
      const b = blocks.get(blockId);
      if (b) b.push(c);
      else blocks.set(blockId, [c]);
    }
  }
  const config = new ConfigResolver(input.facts, blocks, (f) => input.tree.relative(f));
  const findings: Finding[] = [];
  const passed = new Set<string>();
  const matched = new Map<string, Fact[]>();
  const unjudged = new Map<string, string>();
  const flagged = new Set<string>();
  const problems: Problem[] = [];

  const timeline = input.timeline ?? new Timeline();
  // Checks that read the verdicts of the others run last.
  const ordered = [...input.checks.filter((c) => !c.meta.afterClaims), ...input.checks.filter((c) => c.meta.afterClaims)];
  for (const check of ordered) {
    const severity = severityOf(check, input.settings);
    const ctx: CheckContext = {
      claims: (...kinds) => kinds.flatMap((k) => byKind.get(k) ?? []),
      facts: input.facts,
      tree: input.tree,
      docs: input.docs,
      config,
      pageOf: (claim) => input.docs.page(claim.span.file),
      pass: (claim, facts) => {
        passed.add(claim.id);
        if (!facts) return;
        // The facts a pass matched (for later checks such as outdated-source): a bounded sample, so
        // a key defined in hundreds of files does not cost hundreds of references per claim.
        let list = matched.get(claim.id);
        if (!list) matched.set(claim.id, (list = []));
        for (const f of Array.isArray(facts) ? facts : [facts]) {
          if (list.length >= MAX_MATCHED_FACTS) break;
          list.push(f);
        }
      },
      passed: () => input.claims.filter((c) => passed.has(c.id) && !flagged.has(c.id)).map((claim) => ({ claim, facts: matched.get(claim.id) ?? [] })),
      timeline,
      unverifiable: (claim, reason) => {
        if (!unjudged.has(claim.id)) unjudged.set(claim.id, reason);
      },
      report: (r) => {
        const finding = toFinding(check, severity, r, input.minConfidence);
        // One finding per claim and check: the first report wins.
        const key = `${check.meta.id}|${r.claim.id}`;
        if (flagged.has(key)) return;
        flagged.add(key);
        if (!check.meta.afterClaims) flagged.add(r.claim.id);
        findings.push(finding);
      },
      reportPage: (r) => {
        const finding = toPageFinding(check, severity, r, input.minConfidence);
        // One finding per page, line, key and check: the first report wins.
        const key = `${check.meta.id}|page|${r.page.id}|${finding.span.start.line}|${r.key ?? ''}`;
        if (flagged.has(key)) return;
        flagged.add(key);
        findings.push(finding);
      },
      options: input.options ?? {},
    };
    try {
      const t0 = performance.now();
      check.run(ctx);
      if (process.env['DOCDRIFT_PROFILE_CHECKS']) process.stderr.write(`check ${check.meta.id}: ${(performance.now() - t0).toFixed(0)} ms\n`);
    } catch (err) {
      problems.push({ file: check.meta.id, stage: 'check', reason: `check crashed and was skipped: ${errorMessage(err)}` });
    }
  }

  const verified: Claim[] = [];
  const unverifiable: Unverifiable[] = [];
  for (const c of input.claims) {
    if (flagged.has(c.id)) continue;
    if (passed.has(c.id)) verified.push(c);
    else unverifiable.push({ claim: c, reason: unjudged.get(c.id) ?? `no check judges ${c.kind} claims` });
  }
  return { findings, verified, unverifiable, problems };
}

function severityOf(check: Check, settings: Record<string, CheckSetting>): Severity {
  const s = settings[check.meta.id];
  return s && s !== 'off' ? s : check.meta.severity;
}

/** Fills `{{name}}` placeholders; a missing one is an error in the check, not in the page. */
export function renderMessage(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const v = data[name];
    if (v === undefined) throw new Error(`message placeholder {{${name}}} has no value`);
    return String(v);
  });
}

function toFinding(check: Check, severity: Severity, r: Report, minConfidence: number): Finding {
  const template = check.meta.messages[r.messageId];
  if (template === undefined) throw new Error(`unknown messageId "${r.messageId}"`);
  const message = renderMessage(template, r.data ?? {});
  const confidence = Math.round((r.confidence ?? r.claim.confidence * (r.confidenceFactor ?? 1)) * 100) / 100;
  const finding: Finding = {
    checkId: check.meta.id,
    severity: confidence < minConfidence ? 'info' : severity,
    messageId: r.messageId,
    message,
    span: r.claim.span,
    pageId: r.claim.span.file,
    sectionId: r.claim.sectionId,
    claim: r.claim,
    actual: r.claim.value !== undefined ? r.claim.value : r.claim.key,
    evidence: r.evidence ?? [],
    confidence,
    score: 0,
    fingerprint: fingerprint(check.meta.id, r.claim),
  };
  if (r.expected !== undefined) finding.expected = r.expected;
  if (r.suggestion !== undefined) finding.suggestion = r.suggestion;
  if (r.fix !== undefined) finding.fix = r.fix;
  if (r.related?.length) finding.related = r.related;
  return finding;
}

/** The line of a page's title: its first `#` heading, else 1. */
export function titleLine(page: Page): number {
  return page.sections.find((s) => s.depth === 1)?.span.start.line ?? 1;
}

function toPageFinding(check: Check, severity: Severity, r: PageReport, minConfidence: number): Finding {
  const template = check.meta.messages[r.messageId];
  if (template === undefined) throw new Error(`unknown messageId "${r.messageId}"`);
  const line = r.line ?? titleLine(r.page);
  // The innermost section that holds the line: the last one starting at or before it.
  let sectionId = '';
  for (const s of r.page.sections) if (s.span.start.line <= line) sectionId = s.id;
  const confidence = Math.round((r.confidence ?? 1) * 100) / 100;
  const finding: Finding = {
    checkId: check.meta.id,
    severity: confidence < minConfidence ? 'info' : severity,
    messageId: r.messageId,
    message: renderMessage(template, r.data ?? {}),
    span: { file: r.page.id, start: { line } },
    pageId: r.page.id,
    sectionId,
    evidence: r.evidence ?? [],
    confidence,
    score: 0,
    fingerprint: pageFingerprint(check.meta.id, r.page.id, r.key),
  };
  if (r.actual !== undefined) finding.actual = r.actual;
  if (r.expected !== undefined) finding.expected = r.expected;
  if (r.suggestion !== undefined) finding.suggestion = r.suggestion;
  return finding;
}

/** A line-independent fingerprint of a page-level finding: check, page and the report's key. */
export function pageFingerprint(checkId: string, pageId: string, key = ''): string {
  const h = createHash('sha256');
  h.update([checkId, pageId, 'page', key].join('\u0000'));
  return h.digest('hex').slice(0, 16);
}

/** A line-independent fingerprint: check, page, section, claim kind, key and value. */
export function fingerprint(checkId: string, claim: Claim): string {
  const h = createHash('sha256');
  h.update([checkId, claim.span.file, claim.sectionId, claim.kind, claim.key, claim.value ?? ''].join('\u0000'));
  return h.digest('hex').slice(0, 16);
}
