import type { Claim, ClaimContext, ClaimKind, ClaimMeta } from '../types.js';

/** A claim before it is placed on a page: extractors produce these, {@link placeClaim} finishes them. */
export interface ClaimDraft {
  /** Claim kind. */
  kind: ClaimKind;
  /** Subject. */
  key: string;
  /** Stated value. */
  value?: string;
  /** Text as written. */
  raw: string;
  /** 1-based line. */
  line: number;
  /** 1-based column, when known. */
  column?: number;
  /** Where it was read from. */
  context: ClaimContext;
  /** Extractor confidence. */
  confidence: number;
  /** Kind-specific details. */
  meta?: ClaimMeta;
}

/** Turns a draft into a claim on page `pageId`, in section `sectionId`. */
export function placeClaim(draft: ClaimDraft, pageId: string, sectionId: string): Claim {
  const claim: Claim = {
    id: `${pageId}#${draft.line}:${draft.column ?? 0}:${draft.kind}:${draft.key}`,
    kind: draft.kind,
    key: draft.key,
    raw: draft.raw,
    span: { file: pageId, start: draft.column !== undefined ? { line: draft.line, column: draft.column } : { line: draft.line } },
    sectionId,
    context: draft.context,
    confidence: Math.round(draft.confidence * 100) / 100,
  };
  if (draft.value !== undefined) claim.value = draft.value;
  if (draft.meta && Object.keys(draft.meta).length) claim.meta = draft.meta;
  return claim;
}
