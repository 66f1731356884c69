/**
 * The one shared model of docdrift. Every stage of the pipeline reads and writes these shapes:
 * sources produce {@link Page}s, extractors turn pages into {@link Claim}s, fact providers turn the
 * system into {@link Fact}s, checks compare the two and report {@link Finding}s.
 */

/** A 1-based position; `column` is absent where the parser cannot say. */
export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column, when known. */
  column?: number;
}

/** Where something sits in a file: `file` is relative to its root, with forward slashes. */
export interface Span {
  /** File path relative to the root it was found under (docs root for pages, system root for facts). */
  file: string;
  /** Start of the span. */
  start: Position;
  /** End of the span, when known. */
  end?: Position;
}

/** A heading section of a page: what retrieval pipelines index. */
export interface Section {
  /** Heading anchor (GitHub slug rules, or an explicit `{#id}`); `''` for the text before the first heading. */
  id: string;
  /** Heading text as rendered. */
  heading: string;
  /** Heading depth 1..6; 0 for the preamble. */
  depth: number;
  /** Anchor of the enclosing section, if any. */
  parentId?: string;
  /** First and last line of the section. */
  span: Span;
}

/** A documentation page, reduced to what later stages need: no syntax tree is kept. */
export interface Page {
  /** Stable id: the path relative to its docs root (or a URL for crawled pages). */
  id: string;
  /** Where the page came from. */
  source: { kind: 'file'; root: string; path: string } | { kind: 'url'; url: string };
  /** Input format the page was parsed from. */
  format: 'markdown' | 'html';
  /** Title: frontmatter `title`, else the first heading, else the file name. */
  title: string;
  /** Parsed frontmatter (empty object when none). */
  frontmatter: Record<string, unknown>;
  /** Sections in document order. */
  sections: Section[];
  /** Every anchor a link may target on this page (heading slugs and explicit ids). */
  anchors: string[];
  /** Owners named by the page metadata. */
  owners?: string[];
  /** Last modification date (ISO), when known. */
  lastModified?: string;
  /** Number of lines in the page source. */
  lines: number;
  /** MinHash of the page's word shingles (normalised text, code kept), for near-duplicate detection; the text itself is not kept. */
  signature?: Uint32Array;
  /** Number of words in the page's normalised text (headings, prose, tables, code; no frontmatter). */
  words?: number;
}

/** What a claim is about. */
export type ClaimKind =
  | 'config-key'
  | 'config-value'
  | 'env-var'
  | 'cli-command'
  | 'cli-flag'
  | 'script'
  | 'path'
  | 'route'
  | 'port'
  | 'version'
  | 'link'
  | 'date'
  | 'metric'
  | 'quantity'
  | 'credential';

/** Where on the page a claim was read from; drives the extractor confidence. */
export type ClaimContext = 'code-block' | 'inline-code' | 'prose' | 'table' | 'link' | 'frontmatter';

/** One checkable statement a page makes about the system. */
export interface Claim {
  /** Stable id: `<page>#<line>:<column>:<kind>:<key>`. */
  id: string;
  /** What the claim is about. */
  kind: ClaimKind;
  /** The subject: a key path, variable name, script name, path or link target. */
  key: string;
  /** The stated value, for claims that state one. */
  value?: string;
  /** The claim text as written on the page. */
  raw: string;
  /** Where it is written. */
  span: Span;
  /** Anchor of the section the claim sits in. */
  sectionId: string;
  /** Where on the page it was read from. */
  context: ClaimContext;
  /** Extractor confidence in 0..1: code blocks score higher than prose. */
  confidence: number;
  /** Kind-specific details (script runner, link anchor, code-block language, file hint, ...). */
  meta?: ClaimMeta;
}

/** Kind-specific details of a claim. */
export interface ClaimMeta {
  /** For scripts: which runner (`npm`, `yarn`, `pnpm`, `make`). */
  runner?: string;
  /** For make: the directory given with `-C`. */
  dir?: string;
  /** For links: the `#anchor` part, without `#`. */
  anchor?: string;
  /** For links: the path part, as written. */
  target?: string;
  /** For code-block claims: the fence language. */
  lang?: string;
  /** For config claims: a system file the page says the snippet belongs to. */
  fileHint?: string;
  /** For code-block claims: id of the block, to reason about claims that came together. */
  blockId?: string;
  /** The value is stated as a default ("Default: `x`", a table's default column). */
  default?: boolean;
  /** For versions: `min` when the page says "or later" / `+`, else `exact`. */
  qualifier?: 'min' | 'exact';
  /** For flags: the command they were given to (`acme db migrate`), when known. */
  command?: string;
  /** For quantities: the quantity as written (`3 times`, `30 seconds`, `up to 500 rows`). */
  quantity?: string;
  /** For quantities: stems of the words that govern the number ("retries 3 times" → `retri`); two claims must share one to be about the same thing. */
  anchors?: string[];
}

/** What the system defines. */
export type FactKind =
  | 'file'
  | 'dir'
  | 'config-key'
  | 'env-var'
  | 'script'
  | 'make-target'
  | 'bin'
  | 'dependency'
  | 'engine'
  | 'port'
  | 'image'
  | 'cli-command'
  | 'cli-flag'
  | 'route'
  | 'version'
  | 'metric';

/** One thing the system defines, and where. */
export interface Fact {
  /** What kind of thing it is. */
  kind: FactKind;
  /** Its name: key path, variable name, script name, relative path ... */
  key: string;
  /** Its value, where it has one (config value, script body, version range). */
  value?: string;
  /** Where it is defined, relative to its system root. */
  origin: Span;
  /** Which provider found it. */
  provider: string;
  /** Provider-specific details. */
  meta?: Record<string, string | number | boolean>;
}

/** Finding severities, most severe first. */
export type Severity = 'error' | 'warning' | 'info';

/** Evidence from the system side of a finding. */
export interface Evidence {
  /** Message saying what this location shows ("defined here", "value here"). */
  message: string;
  /** Where in the system. */
  span: Span;
  /** The value there, when there is one. */
  value?: string;
}

/** A concrete replacement for the claim text on the page. */
export interface Fix {
  /** Text as written on the page. */
  from: string;
  /** Replacement text. */
  to: string;
}

/** One problem a check found in a page. */
export interface Finding {
  /** Check id, stamped by the engine. */
  checkId: string;
  /** Severity, stamped by the engine from meta and config. */
  severity: Severity;
  /** Key into the check's `meta.messages`. */
  messageId: string;
  /** Rendered message. */
  message: string;
  /** Where on the page. */
  span: Span;
  /** The page the finding is on. */
  pageId: string;
  /** Section anchor on that page. */
  sectionId: string;
  /** The claim that triggered it, if any. */
  claim?: Claim;
  /** What the page says. */
  actual?: string;
  /** What the system says. */
  expected?: string;
  /** System-side evidence. */
  evidence: Evidence[];
  /** A "did you mean" suggestion, when a close fact exists. */
  suggestion?: string;
  /** A safe replacement, when the truth is known. */
  fix?: Fix;
  /** Confidence of the finding in 0..1 (the claim's confidence, possibly lowered by the check). */
  confidence: number;
  /** Rank score; higher is more urgent. */
  score: number;
  /** Stable fingerprint for baselines: independent of line numbers. */
  fingerprint: string;
  /** Other places in the docs the finding involves (the other pages of a contradiction). */
  related?: Related[];
}

/** Another docs location a finding involves, with what it says there. */
export interface Related {
  /** What this location shows ("says `3` here"). */
  message: string;
  /** Where in the docs. */
  span: Span;
  /** The value stated there, when there is one. */
  value?: string;
}

/** A claim no check could judge: counted on its own, never a pass and never stale. */
export interface Unverifiable {
  /** The claim. */
  claim: Claim;
  /** Why it could not be judged. */
  reason: string;
}

/** Something that went wrong with an input or a check: reported, never fatal. */
export interface Problem {
  /** The file (or URL, or check id) at fault. */
  file: string;
  /** Which stage met it. */
  stage: 'discover' | 'parse' | 'extract' | 'facts' | 'check' | 'config' | 'report';
  /** A clear reason. */
  reason: string;
}

/** A text marker on a page that hints at age or intent ("deprecated", "as of 2023", "TODO: update"): a weak signal, never a finding. */
export interface Signal {
  /** Which marker (a row of the marker table: `deprecated`, `dated`, `todo` ...). */
  kind: string;
  /** 1-based line. */
  line: number;
  /** The text that matched, as written. */
  text: string;
  /** How much it adds to the page's signal score (0..1). */
  weight: number;
}
