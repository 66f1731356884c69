import type { Page } from '../types.js';

/**
 * The intermediate form every parser (Markdown, HTML) produces and every extractor reads. It holds
 * the text a claim can come from, with positions, and nothing of the syntax tree: once claims are
 * extracted the blocks are dropped, so memory stays bounded by claims, not by ASTs.
 */

/** An inline piece of a text block that extractors care about. */
export type Inline =
  | {
      /** Inline code span. */
      type: 'code';
      /** Its content. */
      value: string;
      /** 1-based line and column of the opening backtick. */
      line: number;
      column: number;
      /** Offset of the rendered `` `value` `` within the block's `text`. */
      offset: number;
    }
  | {
      /** A link or image. */
      type: 'link';
      /** Target as written. */
      url: string;
      /** Link text (alt text for images). */
      text: string;
      /** Whether it is an image. */
      image: boolean;
      /** 1-based line and column. */
      line: number;
      column: number;
    };

/** A run of prose: a paragraph, list item paragraph, heading or table cell. */
export interface TextBlock {
  /** Block type. */
  type: 'text';
  /** The text with inline code rendered between backticks and markup dropped. */
  text: string;
  /** Inline code spans and links inside it. */
  inlines: Inline[];
  /** 1-based line where the text starts. */
  line: number;
  /** Line of each `\n`-separated line of `text`, so offsets map back to source lines. */
  lineStarts: number[];
  /** Section the block sits in. */
  sectionId: string;
  /** Whether it is a heading. */
  heading?: boolean;
}

/** A fenced or indented code block. */
export interface CodeBlock {
  /** Block type. */
  type: 'code';
  /** Fence language, lower-cased, if any. */
  lang?: string;
  /** Fence meta (after the language), if any. */
  meta?: string;
  /** The code. */
  value: string;
  /** 1-based line of the first line of code. */
  line: number;
  /** Section the block sits in. */
  sectionId: string;
  /** Stable id of the block within the page (`<page>@<line>`). */
  id: string;
  /** The prose right before the block in the same section (for file hints such as "In `config/x.yaml`:"). */
  lead?: TextBlock;
}

/** A table cell. */
export interface Cell {
  /** Cell content as a text block. */
  block: TextBlock;
}

/** A GFM table. */
export interface TableBlock {
  /** Block type. */
  type: 'table';
  /** Header cells (lower-cased plain text). */
  header: string[];
  /** Body rows. */
  rows: Cell[][];
  /** 1-based line of the header row. */
  line: number;
  /** Section the table sits in. */
  sectionId: string;
  /** The heading of the section the table sits in (lower-cased), for context such as "Environment variables". */
  sectionHeading: string;
}

/** Any block. */
export type Block = TextBlock | CodeBlock | TableBlock;

/** What a parser hands to the extractors. */
export interface ParsedPage {
  /** The page model, kept for the rest of the run. */
  page: Page;
  /** Blocks in document order; dropped after extraction. */
  blocks: Block[];
  /** Problems met while parsing (bad frontmatter ...), with reasons. */
  problems: string[];
}

/** Maps an offset in a text block back to its 1-based source line. */
export function lineAt(block: TextBlock, offset: number): number {
  let line = block.lineStarts[0] ?? block.line;
  let seen = 0;
  for (let i = 0; i < block.text.length && i < offset; i++) {
    if (block.text[i] === '\n') {
      seen++;
      line = block.lineStarts[seen] ?? line + 1;
    }
  }
  return line;
}
