/**
 * Metric names a page states: what dashboards, alerts and runbooks depend on, and what goes stale
 * when the code renames a metric. Claims are made from:
 *
 * - code blocks in the Prometheus/OpenMetrics exposition format (`# HELP name ...`, `# TYPE name
 *   type`, sample lines `name{labels} value`), in any fence: one claim per metric family and block
 *   (the `_bucket`/`_sum`/`_count`/`_total`/`_created` samples of a declared family are not repeated);
 * - PromQL: whole blocks fenced `promql` (or `prometheus`/`metricsql` when the block is not exposition
 *   text or YAML), `expr:` values in YAML (alert and recording rules, `expr: |` block scalars
 *   included) and `"expr": "..."` in JSON (Grafana panels), and inline code that is plainly PromQL
 *   (`rate(http_requests_total[5m])`, `foo_total{code="500"}`);
 * - inline code that is a lower-case snake_case name of two or more parts, when its sentence or its
 *   section (or an enclosing one) talks about metrics, and no word next to it says it is something
 *   else (a label, a flag, a setting ...). A sentence that names metrics plainly (metric, Prometheus,
 *   gauge, histogram ...) gives inline confidence; a section heading alone, or a sentence with only
 *   words that also describe user interfaces (dashboard, alert, counter), gives less;
 * - the name column of a metrics table (a `Metric` column, or a `Name` column in a metrics section
 *   that is not about labels).
 *
 * In PromQL the metric names are the bare identifiers: functions and aggregations (anything followed
 * by `(`), keywords (`by`, `without`, `on`, `ignoring`, `group_left`, `bool`, `offset`, `and` ...),
 * label names (inside `{}` and in `by (...)` lists), durations, strings, numbers and Grafana
 * variables (`$__rate_interval`) are skipped; `{__name__="x"}` names `x`. Names with a `:` are
 * recording rules (defined in rule files, not in code) and are never claims.
 *
 * A claim's key is the name as written; the check matches histogram, summary and counter suffixes.
 */
import type { CodeBlock, Inline, TableBlock, TextBlock } from '../parse/ir.js';
import { lineAt } from '../parse/ir.js';
import type { Page } from '../types.js';
import type { ClaimDraft } from './draft.js';

const CONF = { codeBlock: 0.9, table: 0.85, inline: 0.75, sectionOnly: 0.65 } as const;

/** Words that make a heading or a sentence about metrics. */
const METRIC_WORDS = /\b(?:metrics?|prometheus|grafana|dashboards?|alert(?:s|ing|manager)?|alertmanager|gauges?|counters?|histograms?|promql|statsd|opentelemetry|otel)\b/i;
/**
 * Words that say so without doubt; "dashboard", "alert" and "counter" also describe user interfaces
 * and code, so a sentence with only those ties a name to metrics as loosely as a section heading.
 */
const STRONG_METRIC_WORDS = /\b(?:metrics?|prometheus|grafana|alertmanager|gauges?|histograms?|promql|statsd|opentelemetry|otel)\b/i;

/** A metric name as Prometheus allows it (without the recording-rule `:`). */
const METRIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** A snake_case name of two or more parts, as written in prose about metrics. */
const SNAKE_NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/;

/** Words next to a name that say it is not a metric. */
const OTHER_THING = /^(?:labels?|flags?|options?|settings?|parameters?|params?|fields?|keys?|columns?|tables?|variables?|functions?|methods?|files?|dir(?:ectory|ectories)?|config(?:uration)?|propert(?:y|ies)|attributes?|tags?|arguments?|args?|commands?|scripts?|modules?|packages?|classes?|endpoints?|routes?)$/i;

const AGGREGATIONS = new Set(['sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values', 'bottomk', 'topk', 'quantile', 'limitk', 'limit_ratio']);
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'atan2', 'inf', 'nan', 'start', 'end', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const LABEL_LISTS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
/** Functions that only PromQL has: inline code calling one is PromQL. */
const PROMQL_FUNCTIONS = /(?<![\w.$])(?:rate|irate|increase|idelta|deriv|predict_linear|histogram_quantile|histogram_(?:count|sum|fraction|avg|stddev|stdvar)|(?:avg|min|max|sum|count|quantile|stddev|stdvar|last|present|mad)_over_time|absent_over_time|label_replace|label_join|holt_winters|double_exponential_smoothing)\s*\(/;

/** One metric name found in a PromQL expression, with its offset in the expression. */
export interface MetricRef {
  name: string;
  offset: number;
}

/**
 * The metric names a PromQL expression selects, in order. Lexical: nothing is validated, so a
 * malformed expression still yields the names it spells.
 */
export function promqlMetricNames(expr: string): MetricRef[] {
  const out: MetricRef[] = [];
  const n = expr.length;
  let i = 0;
  const skipTo = (close: string, open: string) => {
    let depth = 0;
    while (i < n) {
      const c = expr[i] as string;
      if (c === '"' || c === "'" || c === '`') {
        skipString(c);
        continue;
      }
      if (c === open) depth++;
      else if (c === close && --depth === 0) {
        i++;
        return;
      }
      i++;
    }
  };
  const skipString = (q: string) => {
    i++;
    while (i < n && expr[i] !== q) i += expr[i] === '\\' ? 2 : 1;
    i++;
  };
  const nextNonSpace = (from: number) => {
    let j = from;
    while (j < n && /\s/.test(expr[j] as string)) j++;
    return j;
  };
  while (i < n) {
    const c = expr[i] as string;
    if (c === '"' || c === "'" || c === '`') {
      skipString(c);
      continue;
    }
    if (c === '#') {
      const end = expr.indexOf('\n', i);
      i = end < 0 ? n : end;
      continue;
    }
    if (c === '{') {
      const start = i;
      skipTo('}', '{');
      const inner = expr.slice(start, i);
      const named = /\b__name__\s*=\s*(["'`])([a-zA-Z_][a-zA-Z0-9_]*)\1/.exec(inner);
      if (named?.[2]) out.push({ name: named[2], offset: start + (named.index ?? 0) + named[0].indexOf(named[2]) });
      continue;
    }
    if (c === '[') {
      skipTo(']', '[');
      continue;
    }
    if (c === '$') {
      // Grafana/templating variables: `$job`, `$__rate_interval`, `${var}`.
      i++;
      if (expr[i] === '{') skipTo('}', '{');
      else while (i < n && /[\w]/.test(expr[i] as string)) i++;
      continue;
    }
    if (/[0-9.]/.test(c)) {
      while (i < n && /[\w.+]/.test(expr[i] as string) && !(expr[i] === '+' && !/[eE]/.test(expr[i - 1] as string))) i++;
      continue;
    }
    if (/[a-zA-Z_:]/.test(c)) {
      const start = i;
      while (i < n && /[\w:]/.test(expr[i] as string)) i++;
      const word = expr.slice(start, i);
      const after = nextNonSpace(i);
      if (LABEL_LISTS.has(word)) {
        if (expr[after] === '(') {
          i = after;
          skipTo(')', '(');
        }
        continue;
      }
      if (KEYWORDS.has(word.toLowerCase()) || AGGREGATIONS.has(word)) continue;
      if (expr[after] === '(') continue; // a function call
      if (word.includes(':') || !METRIC_NAME.test(word)) continue;
      // `x = y` outside braces is not PromQL; `x=~` neither.
      if (expr[after] === '=' && expr[after + 1] !== '=') continue;
      out.push({ name: word, offset: start });
      continue;
    }
    i++;
  }
  return out;
}

/** Whether an inline code span is plainly a PromQL expression rather than a bare name. */
export function looksLikePromql(v: string): boolean {
  if (PROMQL_FUNCTIONS.test(v)) return true;
  if (/^[a-zA-Z_][\w:]*\s*\{[^{}]*[=~!][^{}]*\}(?:\s*\[\d+[smhdwy]\])?$/.test(v)) return true;
  return /^[a-zA-Z_][\w:]*\s*\[\d+[smhdwy]\]$/.test(v) || (/^(?:sum|avg|min|max|count|topk|bottomk|quantile)\b/.test(v) && /\[\d+[smhdwy]\]|\{[^{}]*=/.test(v));
}

// ---------------------------------------------------------------------------------------------
// Sections

/**
 * Whether a section talks about metrics: its heading, or the heading of an enclosing section,
 * names them. Returns a lookup by section id.
 */
export function metricSections(page: Page): (sectionId: string) => boolean {
  const byId = new Map(page.sections.map((s) => [s.id, s]));
  const memo = new Map<string, boolean>();
  const about = (id: string, depth = 0): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const s = byId.get(id);
    const yes = !!s && (METRIC_WORDS.test(s.heading) || (s.parentId !== undefined && depth < 8 && about(s.parentId, depth + 1)));
    memo.set(id, yes);
    return yes;
  };
  return (id) => about(id);
}

// ---------------------------------------------------------------------------------------------
// Inline code

type Code = Extract<Inline, { type: 'code' }>;

/** Metric claims from the inline code of a text block (a paragraph, list item or heading). */
export function metricTextClaims(block: TextBlock, inMetricSection: boolean): ClaimDraft[] {
  const out: ClaimDraft[] = [];
  const codes = block.inlines.filter((i): i is Code => i.type === 'code');
  if (!codes.length) return out;
  const blanked = block.text.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length));
  for (const code of codes) {
    const v = code.value.trim();
    if (!v) continue;
    const column = code.column + 1;
    const lead = code.value.length - code.value.trimStart().length;
    if (looksLikePromql(v)) {
      for (const ref of promqlMetricNames(v)) {
        out.push({ kind: 'metric', key: ref.name, raw: v, line: code.line, column: column + lead + ref.offset, context: 'inline-code', confidence: CONF.inline });
      }
      continue;
    }
    if (!SNAKE_NAME.test(v)) continue;
    const sentence = sentenceAround(blanked, code.offset);
    const inSentence = STRONG_METRIC_WORDS.test(sentence.text);
    if (!inSentence && !inMetricSection && !METRIC_WORDS.test(sentence.text)) continue;
    if (namesOtherThing(block.text, code.offset, code.offset + v.length + 2)) continue;
    out.push({ kind: 'metric', key: v, raw: v, line: code.line || lineAt(block, code.offset), column, context: 'inline-code', confidence: inSentence ? CONF.inline : CONF.sectionOnly });
  }
  return out;
}

/** The sentence of `text` around `offset`. */
function sentenceAround(text: string, offset: number): { text: string } {
  let start = 0;
  for (const m of text.slice(0, offset).matchAll(/[.!?;](?:\s|$)|\n\s*\n/g)) start = (m.index ?? 0) + m[0].length;
  const rest = text.slice(offset);
  const stop = /[.!?;](?:\s|$)|\n\s*\n/.exec(rest);
  return { text: text.slice(start, stop ? offset + (stop.index ?? 0) + 1 : text.length) };
}

/** Whether the word before or after the code span says it names something other than a metric. */
function namesOtherThing(text: string, from: number, to: number): boolean {
  const before = /([A-Za-z-]+)\s*$/.exec(text.slice(Math.max(0, from - 40), from))?.[1] ?? '';
  const after = /^\s*([A-Za-z-]+)/.exec(text.slice(to, to + 40))?.[1] ?? '';
  return OTHER_THING.test(before) || OTHER_THING.test(after) || /^(?:=|\()/.test(text.slice(to).trimStart());
}

// ---------------------------------------------------------------------------------------------
// Tables

/**
 * Adds metric claims for the name column of a metrics table to `drafts` (the table's other claims),
 * and drops the config-key claims the generic table reader made of the same cells.
 */
export function withMetricTable(drafts: ClaimDraft[], table: TableBlock, inMetricSection: boolean): ClaimDraft[] {
  let col = table.header.findIndex((h) => /^(?:metrics?|metric names?|prometheus metrics?|metric \(prometheus\))$/.test(h));
  if (col < 0) col = table.header.findIndex((h) => /\bmetrics?\b/.test(h) && !/\b(?:type|description|labels?|unit)\b/.test(h));
  if (col < 0 && (inMetricSection || METRIC_WORDS.test(table.sectionHeading)) && !/\blabels?\b/.test(table.sectionHeading)) col = table.header.findIndex((h) => /^(?:name|metric name|series)$/.test(h));
  if (col < 0) return drafts;
  const metric: ClaimDraft[] = [];
  for (const row of table.rows) {
    const cell = row[col]?.block;
    if (!cell) continue;
    const codes = cell.inlines.filter((i): i is Code => i.type === 'code');
    const written = codes.length ? codes.map((c) => ({ value: c.value.trim(), line: c.line || cell.line, column: c.column > 0 ? c.column + 1 : undefined, code: true })) : [{ value: cell.text.trim(), line: cell.line, column: undefined, code: false }];
    for (const w of written) {
      if (!w.value) continue;
      const base = { raw: w.value, line: w.line, context: 'table' as const, confidence: CONF.table };
      if (METRIC_NAME.test(w.value) && (w.value.includes('_') || (w.code && /^[a-z]+$/.test(w.value)))) {
        metric.push({ ...base, kind: 'metric', key: w.value, ...(w.column !== undefined ? { column: w.column } : {}) });
      } else if (/[{[(]/.test(w.value)) {
        for (const ref of promqlMetricNames(w.value)) metric.push({ ...base, kind: 'metric', key: ref.name, ...(w.column !== undefined ? { column: w.column + ref.offset } : {}) });
      }
    }
  }
  if (!metric.length) return drafts;
  const taken = new Set(metric.map((d) => `${d.line}\u0000${d.key}`));
  const kept = drafts.filter((d) => !((d.kind === 'config-key' || d.kind === 'config-value') && taken.has(`${d.line}\u0000${d.key}`)));
  return [...kept, ...metric];
}

// ---------------------------------------------------------------------------------------------
// Code blocks

const EXPOSITION_TYPES = 'counter|gauge|histogram|summary|untyped|unknown|info|stateset|gaugehistogram';
const META_LINE = new RegExp(`^\\s*#\\s*(HELP|TYPE|UNIT)\\s+([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\s+(.*))?$`);
const SAMPLE_LINE = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(?:[-+]?(?:\d[\d.]*(?:[eE][-+]?\d+)?|\.\d+|Inf|NaN))(?:\s+-?\d+(?:\.\d+)?)?(?:\s+#\s.*)?\s*$/;
const FAMILY_SUFFIXES: Record<string, string[]> = {
  histogram: ['_bucket', '_sum', '_count', '_created', '_gsum', '_gcount'],
  gaugehistogram: ['_bucket', '_gsum', '_gcount'],
  summary: ['_sum', '_count', '_created'],
  counter: ['_total', '_created'],
  info: ['_info'],
};
const PROMQL_LANGS = new Set(['promql', 'prometheus', 'metricsql', 'prom']);
const YAML_LANGS = new Set(['yaml', 'yml']);
const JSON_LANGS = new Set(['json', 'jsonc', 'json5']);

/** Metric claims from one code block: exposition text, PromQL, or `expr:` values of rules. */
export function metricBlockClaims(block: CodeBlock): ClaimDraft[] {
  const lines = block.value.split(/\r?\n/);
  const meta = { lang: block.lang ?? 'text', blockId: block.id };
  const hasMetaLines = lines.some((l) => {
    const m = META_LINE.exec(l);
    return !!m && (m[1] !== 'TYPE' || new RegExp(`^(?:${EXPOSITION_TYPES})\\b`).test(m[3] ?? ''));
  });
  if (hasMetaLines) return expositionClaims(lines, block, meta);
  const lang = block.lang ?? '';
  const yamlish = lines.some((l) => /^\s*(?:-\s+)?[\w.-]+:(?:\s|$)/.test(l));
  if (YAML_LANGS.has(lang) || (PROMQL_LANGS.has(lang) && yamlish)) return yamlExprClaims(lines, block, meta);
  if (JSON_LANGS.has(lang)) return jsonExprClaims(lines, block, meta);
  if (PROMQL_LANGS.has(lang)) {
    if (lines.filter((l) => l.trim()).every((l) => SAMPLE_LINE.test(l) || /^\s*#/.test(l))) return expositionClaims(lines, block, meta);
    return exprClaims(block.value, 0, block, meta);
  }
  return [];
}

function expositionClaims(lines: string[], block: CodeBlock, meta: { lang: string; blockId: string }): ClaimDraft[] {
  const out: ClaimDraft[] = [];
  const families = new Map<string, string>(); // family → type
  const claimed = new Set<string>();
  const familyOf = (name: string): string | undefined => {
    if (families.has(name)) return name;
    for (const [fam, type] of families) for (const suffix of FAMILY_SUFFIXES[type] ?? []) if (name === fam + suffix) return fam;
    return undefined;
  };
  lines.forEach((text, i) => {
    let name: string | undefined;
    const m = META_LINE.exec(text);
    if (m?.[2]) {
      name = m[2];
      if (m[1] === 'TYPE') families.set(name, (m[3] ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? 'untyped');
      else if (!families.has(name)) families.set(name, 'untyped');
    } else {
      const s = SAMPLE_LINE.exec(text);
      if (s?.[1]) name = s[1];
    }
    if (!name || name.includes(':')) return;
    const key = familyOf(name) ?? name;
    if (claimed.has(key) || (key !== name && claimed.has(name))) return;
    claimed.add(key);
    out.push({ kind: 'metric', key: name, raw: text.trim(), line: block.line + i, column: text.indexOf(name) + 1, context: 'code-block', confidence: CONF.codeBlock, meta });
  });
  return out;
}

/** `expr:` values in YAML rule files (Prometheus rules, PrometheusRule resources). */
function yamlExprClaims(lines: string[], block: CodeBlock, meta: { lang: string; blockId: string }): ClaimDraft[] {
  const out: ClaimDraft[] = [];
  const recorded = new Set<string>();
  const rulesFile = lines.some((l) => /^\s*(?:-\s+)?(?:alert|record|groups|rules)\s*:/.test(l));
  for (const l of lines) {
    const r = /^\s*(?:-\s+)?record:\s*["']?([\w:]+)/.exec(l);
    if (r?.[1]) recorded.add(r[1]);
  }
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i] as string;
    const m = /^(\s*(?:-\s+)?)(expr|query)\s*:\s*(.*)$/.exec(text);
    if (!m) continue;
    const indent = (m[1] ?? '').length;
    const rest = m[3] ?? '';
    const restAt = text.length - rest.length;
    if (/^[|>][-+0-9]*\s*(?:#.*)?$/.test(rest.trim())) {
      // Block scalar: the more-indented lines below.
      let j = i + 1;
      for (; j < lines.length; j++) {
        const next = lines[j] as string;
        if (next.trim() && next.length - next.trimStart().length <= indent) break;
      }
      const body = lines.slice(i + 1, j).join('\n');
      if (m[2] === 'expr' ? rulesFile || looksLikePromql(body.trim()) : looksLikePromql(body.trim())) out.push(...exprClaims(body, i + 1, block, meta, 0, recorded));
      i = j - 1;
      continue;
    }
    let expr = rest.replace(/\s+#.*$/, '');
    let shift = restAt;
    const q = expr.trim()[0];
    if (q === '"' || q === "'") {
      const lead = expr.length - expr.trimStart().length;
      shift += lead + 1;
      expr = expr.trim().slice(1).replace(new RegExp(`${q}\\s*$`), '');
      expr = q === "'" ? expr.replace(/''/g, "' ") : expr.replace(/\\"/g, ' "');
    }
    if (m[2] === 'expr' ? rulesFile || looksLikePromql(expr.trim()) : looksLikePromql(expr.trim())) out.push(...exprClaims(expr, i, block, meta, shift, recorded));
  }
  return out;
}

/** `"expr": "..."` in JSON (Grafana dashboards and panels). */
function jsonExprClaims(lines: string[], block: CodeBlock, meta: { lang: string; blockId: string }): ClaimDraft[] {
  const out: ClaimDraft[] = [];
  lines.forEach((text, i) => {
    for (const m of text.matchAll(/"(expr|query)"\s*:\s*"((?:\\.|[^"\\])*)"/g)) {
      const expr = (m[2] ?? '').replace(/\\(["\\/])/g, ' $1').replace(/\\n/g, '  ');
      if (m[1] === 'query' && !looksLikePromql(expr.trim())) continue;
      out.push(...exprClaims(expr, i, block, meta, (m.index ?? 0) + m[0].lastIndexOf(m[2] ?? '')));
    }
  });
  return out;
}

/** Claims for the metric names of a PromQL expression that starts at `lineIndex` of the block. */
function exprClaims(expr: string, lineIndex: number, block: CodeBlock, meta: { lang: string; blockId: string }, shift = 0, skip: Set<string> = new Set()): ClaimDraft[] {
  const out: ClaimDraft[] = [];
  const starts = [0];
  for (let k = 0; k < expr.length; k++) if (expr[k] === '\n') starts.push(k + 1);
  for (const ref of promqlMetricNames(expr)) {
    if (skip.has(ref.name)) continue;
    let row = 0;
    while (row + 1 < starts.length && (starts[row + 1] as number) <= ref.offset) row++;
    const column = ref.offset - (starts[row] as number) + 1 + (row === 0 ? shift : 0);
    const lineText = (block.value.split(/\r?\n/)[lineIndex + row] ?? '').trim();
    out.push({ kind: 'metric', key: ref.name, raw: lineText || ref.name, line: block.line + lineIndex + row, column, context: 'code-block', confidence: CONF.codeBlock, meta });
  }
  return out;
}
