import { createHash } from 'node:crypto';
import type { Claim, ClaimKind, Finding, Problem, Severity, Unverifiable } from '../types.js';
import type { CheckSetting } from '../options.js';
import type { Check, CheckContext, Report } from './check.js';
import type { FactBase } from '../facts/factbase.js';
import type { SystemTree } from '../facts/system.js';
import type { DocsIndex } from './docs-index.js';
import { ConfigResolver } from './config-resolver.js';
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
 * A check that throws becomes a problem; the others still run.
 */
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
  const unjudged = new Map<string, string>();
  const flagged = new Set<string>();
  const problems: Problem[] = [];

  for (const check of input.checks) {
    const severity = severityOf(check, input.settings);
    const ctx: CheckContext = {
      claims: (...kinds) => kinds.flatMap((k) => byKind.get(k) ?? []),
      facts: input.facts,
      tree: input.tree,
      docs: input.docs,
      config,
      pageOf: (claim) => input.docs.page(claim.span.file),
      pass: (claim) => {
        passed.add(claim.id);
      },
      unverifiable: (claim, reason) => {
        if (!unjudged.has(claim.id)) unjudged.set(claim.id, reason);
      },
      report: (r) => {
        const finding = toFinding(check, severity, r, input.minConfidence);
        // One finding per claim and check: the first report wins.
        const key = `${check.meta.id}|${r.claim.id}`;
        if (flagged.has(key)) return;
        flagged.add(key);
        flagged.add(r.claim.id);
        findings.push(finding);
      },
    };
    try {
      check.run(ctx);
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
  const confidence = Math.round(r.claim.confidence * (r.confidenceFactor ?? 1) * 100) / 100;
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
  return finding;
}

/** A line-independent fingerprint: check, page, section, claim kind, key and value. */
export function fingerprint(checkId: string, claim: Claim): string {
  const h = createHash('sha256');
  h.update([checkId, claim.span.file, claim.sectionId, claim.kind, claim.key, claim.value ?? ''].join('\u0000'));
  return h.digest('hex').slice(0, 16);
}
