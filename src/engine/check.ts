import type { Claim, ClaimKind, Evidence, Fix, Page, Severity } from '../types.js';
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
  /** Records that a claim was judged and holds. */
  pass(claim: Claim): void;
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
