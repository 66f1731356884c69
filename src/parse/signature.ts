import type { Block } from './ir.js';
import { minhash, shingleHashes } from '../util/minhash.js';

/** What a page's content reduces to for near-duplicate detection: no text is kept. */
export interface ContentSignature {
  /** MinHash signature of the page's word 5-shingles. */
  signature: Uint32Array;
  /** Number of words in the normalised text. */
  words: number;
}

const WORD = /[\p{L}\p{N}_]+/gu;

/**
 * The words of a page as a reader (or a retriever) sees them: headings, prose, table cells and code,
 * lower-cased; Markdown syntax, link targets and frontmatter are not in the blocks, so not here.
 */
export function pageWords(blocks: readonly Block[]): string[] {
  const words: string[] = [];
  const add = (text: string): void => {
    for (const m of text.toLowerCase().matchAll(WORD)) words.push(m[0]);
  };
  for (const block of blocks) {
    if (block.type === 'text') add(block.text);
    else if (block.type === 'code') add(block.value);
    else {
      for (const head of block.header) add(head);
      for (const row of block.rows) for (const cell of row) add(cell.block.text);
    }
  }
  return words;
}

/** The content signature of parsed blocks; `undefined` for a page without words. */
export function contentSignature(blocks: readonly Block[]): ContentSignature | undefined {
  const words = pageWords(blocks);
  if (!words.length) return undefined;
  return { signature: minhash(shingleHashes(words)), words: words.length };
}
