import type { Block, TextBlock } from '../parse/ir.js';
import { lineAt } from '../parse/ir.js';
import type { Signal } from '../types.js';

/** One row of the marker table. */
export interface MarkerRule {
  /** Signal kind. */
  kind: string;
  /** Pattern, matched case-insensitively; a literal space matches any run of whitespace (a soft line break too). */
  pattern: string;
  /** Weight added to the page's signal score. */
  weight: number;
  /** Only a year before the reference date's year counts (capture group 1 is the year). */
  pastYear?: boolean;
}

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';

/**
 * Words that say a page may be out of date, or was written for a moment that has passed. Each is a
 * weak signal: it adds to the page's signal score and is listed with the page, never a finding.
 * Matched in prose, headings and table cells, case-insensitively, on word boundaries; never in code
 * blocks or inline code (`legacy_mode` is a name, not a remark).
 */
export const MARKERS: readonly MarkerRule[] = [
  { kind: 'deprecated', pattern: '\\bdeprecat(?:e|ed|es|ion|ing)\\b', weight: 0.3 },
  { kind: 'outdated', pattern: '\\b(?:outdated|out[-\\s]of[-\\s]date)\\b', weight: 0.4 },
  { kind: 'no-longer', pattern: '\\bno longer\\b', weight: 0.2 },
  { kind: 'todo', pattern: '\\btodo\\b(?:\\s*\\([^)]*\\))?\\s*:|\\btodo (?:update|fix|rewrite|revise|verify|document|check)\\b|\\btbd\\b', weight: 0.3 },
  { kind: 'fixme', pattern: '\\bfixme\\b', weight: 0.3 },
  { kind: 'dated', pattern: `\\bas of (?:(?:early|mid|late|the end of|end of) )?(?:${MONTH} )?(?:q[1-4] )?((?:19|20)\\d{2})\\b`, weight: 0.3, pastYear: true },
  { kind: 'coming-soon', pattern: '\\bcoming soon\\b', weight: 0.3 },
  { kind: 'new-in-version', pattern: '\\b(?:new|added|introduced) in (?:(?:v|version\\s*)\\d+(?:\\.\\d+)*|\\d+\\.\\d+(?:\\.\\d+)*)\\b', weight: 0.1 },
  { kind: 'will-be-removed', pattern: '\\bwill be (?:removed|deprecated|dropped|retired)\\b|\\bscheduled for removal\\b', weight: 0.3 },
  { kind: 'legacy', pattern: '\\blegacy\\b', weight: 0.1 },
  { kind: 'workaround', pattern: '\\btemporary (?:workaround|fix|hack|solution)\\b', weight: 0.3 },
];

const COMPILED = MARKERS.map((m) => ({ rule: m, re: new RegExp(m.pattern.replace(/ /g, '\\s+'), 'gi') }));

/** A marker found on a page, before the reference date is known (a `dated` marker keeps its year). */
export interface MarkerHit extends Signal {
  /** For `pastYear` rules: the year written. */
  year?: number;
}

/** Finds the markers in a page's blocks: text blocks and table cells, inline code blanked out, code blocks skipped. */
export function findMarkers(blocks: Block[]): MarkerHit[] {
  const out: MarkerHit[] = [];
  const seen = new Set<string>();
  const scan = (block: TextBlock): void => {
    const text = maskInlineCode(block);
    for (const { rule, re } of COMPILED) {
      for (const m of text.matchAll(re)) {
        const line = lineAt(block, m.index);
        const key = `${rule.kind}@${line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const hit: MarkerHit = { kind: rule.kind, line, text: m[0].replace(/\s+/g, ' '), weight: rule.weight };
        if (rule.pastYear && m[1]) hit.year = Number(m[1]);
        out.push(hit);
      }
    }
  };
  for (const b of blocks) {
    if (b.type === 'text') scan(b);
    else if (b.type === 'table') for (const row of b.rows) for (const cell of row) scan(cell.block);
  }
  return out.sort((a, b) => a.line - b.line || a.kind.localeCompare(b.kind));
}

/** The signals of a page as of the reference year: a dated marker counts only for a past year. */
export function signalsAsOf(hits: MarkerHit[], asOfYear: number): Signal[] {
  return hits.filter((h) => h.year === undefined || h.year < asOfYear).map(({ kind, line, text, weight }) => ({ kind, line, text, weight }));
}

/** A page's signal score: the weights of its distinct marker kinds, summed, at most 1 (repeating a word adds nothing). */
export function signalScore(signals: Signal[]): number {
  const byKind = new Map<string, number>();
  for (const s of signals) byKind.set(s.kind, Math.max(byKind.get(s.kind) ?? 0, s.weight));
  const sum = [...byKind.values()].reduce((a, b) => a + b, 0);
  return Math.round(Math.min(1, sum) * 100) / 100;
}

/** The block's text with inline code replaced by spaces (offsets and line breaks kept). */
function maskInlineCode(block: TextBlock): string {
  let text = block.text;
  for (const inline of block.inlines) {
    if (inline.type !== 'code') continue;
    const end = Math.min(text.length, inline.offset + inline.value.length + 2);
    text = text.slice(0, inline.offset) + text.slice(inline.offset, end).replace(/[^\n]/g, ' ') + text.slice(end);
  }
  return text;
}
