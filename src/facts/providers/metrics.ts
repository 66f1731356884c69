/**
 * Metric definitions in source code (Go, Python, JavaScript/TypeScript, Java/Kotlin; not tests,
 * examples, vendored or built code) → `metric` facts: key = the full metric name, origin = the line
 * of the name's string literal, `meta: {via, type?, derived?, partial?}`.
 *
 * - Go, prometheus/client_golang (any import alias of `.../client_golang/prometheus`): every
 *   `prometheus.{Counter,Gauge,Histogram,Summary,Untyped}Opts{...}` and `prometheus.Opts{...}`
 *   literal, whatever constructor takes it (`NewCounter`, `NewGaugeVec`, `NewGaugeFunc`, promauto
 *   under any alias, `promauto.With(r)`, a factory): full name = `Namespace_Subsystem_Name`, empty
 *   parts skipped; `prometheus.NewDesc(name, ...)` with a literal or `prometheus.BuildFQName(ns, sub,
 *   name)`. `via: 'prometheus'`.
 * - Python, prometheus_client (`import prometheus_client [as p]`, `from prometheus_client import
 *   Counter [as C], ...`): `Counter/Gauge/Histogram/Summary/Info/Enum(...)` with the name as first
 *   argument or `name=`, and `namespace=`, `subsystem=`, `unit=` (appended as `_unit` unless the name
 *   already ends with it). `via: 'prometheus'`.
 * - JS/TS, prom-client (files that import or require `prom-client`): `new [x.]Counter/Gauge/
 *   Histogram/Summary({ name: ... })`, also `{ name }` shorthand for a constant. `via: 'prom-client'`.
 * - Java/Kotlin: Micrometer `Counter/Timer/Gauge/DistributionSummary/LongTaskTimer/FunctionCounter/
 *   FunctionTimer/TimeGauge.builder("name")` and `registry.counter/timer/gauge/summary("name")`
 *   (receivers named `...registry`/`...Registry`/`Metrics`): the name as written plus the name
 *   Prometheus exposes (`.` and `-` → `_`, `meta.derived`), and for timers also `name_seconds`
 *   (`via: 'micrometer'`); the Prometheus Java client `Counter.build("name", help)` /
 *   `Counter.build().name("x").namespace("ns").subsystem("s")` and 1.x `Counter.builder().name("x")`
 *   (`via: 'prometheus'`).
 * - StatsD clients in every language: `statsd.increment/incr/decrement/gauge/timing/histogram/
 *   distribution/set/count/timer(...)` and Java's `incrementCounter/recordGaugeValue/...` on a
 *   receiver whose name contains `statsd` (`via: 'statsd'`), the name as written plus its `_` form.
 * - OpenTelemetry: `meter.createCounter/createHistogram/createUpDownCounter/createGauge/
 *   createObservable*('name')` (JS), `meter.create_counter(...)` etc. (Python), `meter.Int64Counter/
 *   Float64Histogram/...("name")` (Go), `meter.counterBuilder/histogramBuilder/gaugeBuilder/
 *   upDownCounterBuilder("name")` (Java): the name as written plus its `_` form (`via: 'otel'`).
 *
 * String constants are resolved within the file only (Go `const`/`var`, JS `const/let/var`, Python
 * module or class assignments, Java `static final String`/Kotlin `const val`), including `+`
 * concatenations of literals and such constants.
 *
 * Limits (this is regex and bracket matching over comment-stripped text, not a parse): names built
 * at run time (`fmt.Sprintf`, f-strings, template literals with `${}`, constants from other files or
 * packages) are missed, except that a Go Opts literal whose `Name` resolves but whose `Namespace` or
 * `Subsystem` does not gives the known tail with `meta.partial` (to be matched as a suffix); metric
 * names passed through helper functions or config are missed; aliased class imports in JS
 * (`import { Counter as C }`) are not followed; StatsD client prefixes, OpenTelemetry unit suffixes
 * and Micrometer common tags/prefixes are not applied; other Go libraries (VictoriaMetrics,
 * go-metrics, go-kit) are not read.
 */
import type { FactProvider, FactSink, SystemFile } from '../provider.js';

type Lang = 'go' | 'python' | 'js' | 'jvm';

/** Directories whose code is not the system's own: tests, examples, dependencies and build output. */
const EXCLUDED_DIR = /(?:^|\/)(?:vendor|node_modules|dist|build|out|target|testdata|fixtures|__fixtures__|mocks?|__mocks__|tests?|__tests__|spec|e2e|examples?|_examples|venv|\.venv|site-packages|\.tox|third_party)\//;

function langOf(path: string): Lang | undefined {
  if (EXCLUDED_DIR.test(path)) return undefined;
  const base = path.split('/').pop() ?? '';
  if (path.split('/').slice(0, -1).some((d) => d.startsWith('.') || (d.startsWith('_') && d !== '__init__'))) return undefined;
  if (base.endsWith('.go')) return base.endsWith('_test.go') ? undefined : 'go';
  if (base.endsWith('.py')) return /^test_|_test\.py$|^conftest\.py$/.test(base) ? undefined : 'python';
  if (/\.(?:[cm]?[jt]s|[jt]sx)$/.test(base)) return /\.d\.[cm]?ts$|[.-]min\.js$|\.(?:test|spec|stories)\.[cm]?[jt]sx?$/.test(base) ? undefined : 'js';
  if (/\.(?:java|kt)$/.test(base)) return /(?:Tests?|IT|Spec)\.(?:java|kt)$/.test(base) || /(?:^|\/)src\/test\//.test(path) ? undefined : 'jvm';
  return undefined;
}

/** Whether the metrics provider reads `path`. */
export function isMetricSource(path: string): boolean {
  return langOf(path) !== undefined;
}

/** A cheap pre-filter by language: files that mention none of these define no metric this provider can see. */
const MARKERS: Record<Lang, RegExp> = {
  go: /client_golang\/prometheus"|go\.opentelemetry\.io\/otel|statsd/i,
  python: /prometheus_client|\.create_(?:counter|histogram|up_down_counter|gauge|observable)|statsd/i,
  js: /prom-client|\.create(?:Counter|Histogram|UpDownCounter|Gauge|Observable)|statsd/i,
  jvm: /\.\s*build(?:er)?\s*\(|[rR]egistry\s*\.|Metrics\s*\.|(?:counter|histogram|gauge|upDownCounter)Builder|statsd/i,
};

// ---------------------------------------------------------------------------------------------
// Lexing helpers

/** Blanks comments (keeping newlines and offsets); strings are kept as they are. */
function stripComments(src: string, lang: Lang): string {
  const out = src.split('');
  const n = src.length;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < n; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  let i = 0;
  while (i < n) {
    const c = src[i] as string;
    if (lang === 'python') {
      if (c === '#') {
        const end = src.indexOf('\n', i);
        blank(i, end < 0 ? n : end);
        i = end < 0 ? n : end;
        continue;
      }
      if (c === '"' || c === "'") {
        i = skipString(src, i, lang);
        continue;
      }
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i);
      blank(i, end < 0 ? n : end);
      i = end < 0 ? n : end;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      blank(i, stop);
      i = stop;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(src, i, lang);
      continue;
    }
    i++;
  }
  return out.join('');
}

/** Offset just past the string literal that starts at `i`. */
function skipString(src: string, i: number, lang: Lang): number {
  const q = src[i] as string;
  const n = src.length;
  if ((lang === 'python' || lang === 'jvm') && src.startsWith(q.repeat(3), i)) {
    const end = src.indexOf(q.repeat(3), i + 3);
    return end < 0 ? n : end + 3;
  }
  if (q === '`') {
    // Go raw strings and JS templates (nested `${}` with backticks inside are not followed).
    let j = i + 1;
    while (j < n && src[j] !== '`') j += src[j] === '\\' && lang !== 'go' ? 2 : 1;
    return j + 1;
  }
  let j = i + 1;
  while (j < n && src[j] !== q && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** The value of a string literal at `i` (quotes included in the source), or undefined. */
function stringAt(src: string, i: number, lang: Lang): { value: string; end: number } | undefined {
  let start = i;
  // Python prefixes r, u, b (not f: an f-string is computed).
  if (lang === 'python') {
    const pre = /^[rRuUbB]{1,2}(?=['"])/.exec(src.slice(i, i + 3));
    if (pre) start += pre[0].length;
  }
  const q = src[start];
  if (q !== '"' && q !== "'" && q !== '`') return undefined;
  if (q === "'" && (lang === 'go' || lang === 'jvm')) return undefined;
  if (q === '`' && lang !== 'go' && lang !== 'js') return undefined;
  const end = skipString(src, start, lang);
  const triple = (lang === 'python' || lang === 'jvm') && src.startsWith(q.repeat(3), start);
  const raw = src.slice(start + (triple ? 3 : 1), end - (triple ? 3 : 1));
  if (q === '`' && lang === 'js' && raw.includes('${')) return undefined;
  if (lang === 'jvm' && raw.includes('$')) return undefined; // Kotlin templates
  return { value: raw.replace(/\\(.)/g, '$1'), end };
}

/** Offsets of line starts, for offset → line. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Offset just past the bracket that closes the one at `open` (strings skipped). */
function closeOf(src: string, open: number, lang: Lang): number {
  const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const stack: string[] = [];
  let i = open;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '"' || c === '`' || (c === "'" && lang !== 'go' && lang !== 'jvm')) {
      i = skipString(src, i, lang);
      continue;
    }
    if (pairs[c]) stack.push(pairs[c] as string);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (!stack.length) return i + 1;
    }
    i++;
  }
  return src.length;
}

/** Top-level comma-separated parts between `from` and `to` (exclusive), with their offsets. */
function splitTop(src: string, from: number, to: number, lang: Lang): { text: string; at: number }[] {
  const parts: { text: string; at: number }[] = [];
  let start = from;
  let i = from;
  while (i < to) {
    const c = src[i] as string;
    if (c === '"' || c === '`' || (c === "'" && lang !== 'go' && lang !== 'jvm')) {
      i = skipString(src, i, lang);
      continue;
    }
    if (c === '(' || c === '{' || c === '[') {
      i = closeOf(src, i, lang);
      continue;
    }
    if (c === ',') {
      parts.push({ text: src.slice(start, i), at: start });
      start = i + 1;
    }
    i++;
  }
  if (src.slice(start, to).trim()) parts.push({ text: src.slice(start, to), at: start });
  return parts.map((p) => {
    const lead = p.text.length - p.text.trimStart().length;
    return { text: p.text.trim(), at: p.at + lead };
  });
}

type Consts = Map<string, string>;

/**
 * Evaluates a string expression at `at` in `src`: literals and in-file constants joined with `+`.
 * Returns the value and the offset of its first literal (for the origin line).
 */
function evalString(src: string, at: number, to: number, lang: Lang, consts: Consts): { value: string; at: number } | undefined {
  let i = at;
  let value = '';
  let first: number | undefined;
  const skipWs = () => {
    while (i < to && /\s/.test(src[i] as string)) i++;
  };
  for (;;) {
    skipWs();
    const lit = stringAt(src, i, lang);
    if (lit) {
      value += lit.value;
      first ??= i;
      i = lit.end;
    } else {
      const id = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?/.exec(src.slice(i, Math.min(to, i + 200)));
      if (!id) return undefined;
      // Qualified names resolve only on the object itself (`this.X`, `self.X`, `cls.X`): others are in other files.
      const qualified = /^(?:this|self|cls)\.(.+)$/.exec(id[0]);
      const c = id[0].includes('.') ? (qualified?.[1] ? consts.get(qualified[1]) : undefined) : consts.get(id[0]);
      if (c === undefined) return undefined;
      value += c;
      first ??= i;
      i += id[0].length;
    }
    skipWs();
    if (src[i] === '+' && src[i + 1] !== '+') {
      i++;
      continue;
    }
    break;
  }
  const rest = src.slice(i, to).trim();
  if (rest && !/^[,;)}\]]/.test(rest)) return undefined;
  return first === undefined ? undefined : { value, at: first };
}

/** String constants defined in the file. */
function constantsOf(code: string, lang: Lang): Consts {
  const consts: Consts = new Map();
  const patterns: RegExp[] = {
    go: [/(?:^|\n)[ \t]*(?:const|var)?[ \t]*([A-Za-z_]\w*)(?:[ \t]+string)?[ \t]*=[ \t]*(?=["`\w])/g],
    js: [/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*string\s*)?=\s*(?=['"`\w])/g, /(?:^|\n)\s*(?:(?:public|private|protected)\s+)?(?:static\s+)?(?:readonly\s+)?([A-Za-z_$][\w$]*)\s*(?::\s*string\s*)?=\s*(?=['"`])/g],
    python: [/(?:^|\n)[ \t]*([A-Za-z_]\w*)[ \t]*(?::[ \t]*(?:str|Final(?:\[str\])?)[ \t]*)?=[ \t]*(?=[rRuUbB]?['"\w])/g],
    jvm: [/\b(?:static\s+final|final\s+static|const\s+val|val|final)\s+(?:String\s+)?([A-Za-z_]\w*)(?:\s*:\s*String)?\s*=\s*(?=["\w])/g],
  }[lang];
  // Two passes, so that a constant built from a later one resolves too.
  for (let pass = 0; pass < 2; pass++) {
    for (const re of patterns) {
      for (const m of code.matchAll(re)) {
        const name = m[1] as string;
        if (consts.has(name) && pass === 0) continue;
        const at = (m.index ?? 0) + m[0].length;
        const eol = code.indexOf('\n', at);
        let end = eol < 0 ? code.length : eol;
        // A concatenation may go on over the next lines.
        while (/\+\s*$/.test(code.slice(at, end)) && end < code.length) {
          const next = code.indexOf('\n', end + 1);
          end = next < 0 ? code.length : next;
        }
        const v = evalString(code, at, end, lang, consts);
        if (v && /^[\w.:-]*$/.test(v.value)) consts.set(name, v.value);
      }
    }
  }
  return consts;
}

// ---------------------------------------------------------------------------------------------
// Collecting

interface Found {
  key: string;
  at: number;
  meta: Record<string, string | boolean>;
}

const NAME_OK = /^[A-Za-z_][\w.:-]*$/;

function joinName(parts: (string | undefined)[]): string {
  return parts.filter((p) => p).join('_');
}

/** `a.b-c` → `a_b_c`: what the Prometheus registries of Micrometer, OpenTelemetry and statsd_exporter expose. */
function promForm(name: string): string {
  return name.replace(/[.-]/g, '_');
}

/** Adds the name as written and, when it differs, the form Prometheus exposes. */
function withPromForm(found: Found[], key: string, at: number, meta: Record<string, string | boolean>): void {
  found.push({ key, at, meta });
  const p = promForm(key);
  if (p !== key) found.push({ key: p, at, meta: { ...meta, derived: true } });
}

/** The first positional argument or the `name=` keyword argument of a call, as a string. */
function nameArg(code: string, open: number, lang: Lang, consts: Consts, kw = 'name'): { value: string; at: number } | undefined {
  const close = closeOf(code, open, lang) - 1;
  const args = splitTop(code, open + 1, close, lang);
  const named = args.find((a) => new RegExp(`^${kw}\\s*=`).test(a.text));
  if (named) {
    const eq = named.text.indexOf('=');
    return evalString(code, named.at + eq + 1, named.at + named.text.length, lang, consts);
  }
  const first = args[0];
  if (!first || /^\w+\s*=[^=]/.test(first.text)) return undefined;
  return evalString(code, first.at, first.at + first.text.length, lang, consts);
}

function goMetrics(code: string, consts: Consts): Found[] {
  const found: Found[] = [];
  const aliases = new Set<string>();
  for (const m of code.matchAll(/(?:^|[\s(])(?:([A-Za-z_]\w*|\.)\s+)?"github\.com\/prometheus\/client_golang\/prometheus"/g)) aliases.add(m[1] && m[1] !== 'import' ? m[1] : 'prometheus');
  if (aliases.size) {
    const alias = [...aliases].filter((a) => a !== '.' && a !== '_').join('|');
    if (alias) {
      for (const m of code.matchAll(new RegExp(`\\b(?:${alias})\\.(Counter|Gauge|Histogram|Summary|Untyped)?Opts\\s*\\{`, 'g'))) {
        const open = (m.index ?? 0) + m[0].length - 1;
        const close = closeOf(code, open, 'go') - 1;
        const fields = new Map<string, { text: string; at: number }>();
        for (const part of splitTop(code, open + 1, close, 'go')) {
          const f = /^(Namespace|Subsystem|Name)\s*:\s*/.exec(part.text);
          if (f?.[1]) fields.set(f[1], { text: part.text.slice(f[0].length), at: part.at + f[0].length });
        }
        const resolve = (k: string) => {
          const f = fields.get(k);
          return f ? evalString(code, f.at, f.at + f.text.length, 'go', consts) : { value: '', at: -1 };
        };
        const name = resolve('Name');
        if (!name?.value || name.at < 0) continue;
        const ns = resolve('Namespace');
        const sub = resolve('Subsystem');
        const meta: Record<string, string | boolean> = { via: 'prometheus' };
        if (m[1]) meta['type'] = m[1].toLowerCase();
        if (!ns || !sub) {
          found.push({ key: joinName([sub?.value, name.value]), at: name.at, meta: { ...meta, partial: true } });
          continue;
        }
        found.push({ key: joinName([ns.value, sub.value, name.value]), at: name.at, meta });
      }
      for (const m of code.matchAll(new RegExp(`\\b(?:${alias})\\.NewDesc\\s*\\(`, 'g'))) {
        const open = (m.index ?? 0) + m[0].length - 1;
        const args = splitTop(code, open + 1, closeOf(code, open, 'go') - 1, 'go');
        const first = args[0];
        if (!first) continue;
        const fq = new RegExp(`^(?:${alias})\\.BuildFQName\\s*\\(`).exec(first.text);
        if (fq) {
          const inner = first.at + fq[0].length - 1;
          const parts = splitTop(code, inner + 1, closeOf(code, inner, 'go') - 1, 'go').map((p) => evalString(code, p.at, p.at + p.text.length, 'go', consts));
          const last = parts[2];
          if (parts.length === 3 && last?.value) {
            if (parts[0] && parts[1]) found.push({ key: joinName(parts.map((p) => p?.value)), at: last.at, meta: { via: 'prometheus' } });
            else found.push({ key: joinName([parts[1]?.value, last.value]), at: last.at, meta: { via: 'prometheus', partial: true } });
          }
          continue;
        }
        const v = evalString(code, first.at, first.at + first.text.length, 'go', consts);
        if (v?.value) found.push({ key: v.value, at: v.at, meta: { via: 'prometheus' } });
      }
    }
  }
  if (/"go\.opentelemetry\.io\/otel/.test(code)) {
    for (const m of code.matchAll(/\.(?:Int64|Float64)(Counter|UpDownCounter|Histogram|Gauge|ObservableCounter|ObservableUpDownCounter|ObservableGauge)\s*\(/g)) {
      const v = nameArg(code, (m.index ?? 0) + m[0].length - 1, 'go', consts);
      if (v?.value) withPromForm(found, v.value, v.at, { via: 'otel', type: otelType(m[1] as string) });
    }
  }
  return found;
}

function otelType(kind: string): string {
  const k = kind.replace(/^Observable/, '').toLowerCase();
  return k === 'updowncounter' || k === 'up_down_counter' ? 'updowncounter' : k;
}

function pythonMetrics(code: string, consts: Consts): Found[] {
  const found: Found[] = [];
  const classes = new Map<string, string>(); // local name → prometheus_client class
  const modules = new Set<string>();
  for (const m of code.matchAll(/^[ \t]*import[ \t]+prometheus_client(?:[ \t]+as[ \t]+(\w+))?/gm)) modules.add(m[1] ?? 'prometheus_client');
  for (const m of code.matchAll(/^[ \t]*from[ \t]+prometheus_client(?:\.metrics)?[ \t]+import[ \t]+(\([^)]*\)|[^\n]+)/gm)) {
    for (const item of (m[1] ?? '').replace(/[()]/g, '').split(',')) {
      const im = /^\s*(\w+)(?:\s+as\s+(\w+))?\s*$/.exec(item);
      if (im?.[1] && /^(?:Counter|Gauge|Histogram|Summary|Info|Enum)$/.test(im[1])) classes.set(im[2] ?? im[1], im[1]);
    }
  }
  if (classes.size || modules.size) {
    const names = [...classes.keys(), ...[...modules].flatMap((mod) => ['Counter', 'Gauge', 'Histogram', 'Summary', 'Info', 'Enum'].map((c) => `${mod.replace(/\./g, '\\.')}\\.${c}`))];
    for (const m of code.matchAll(new RegExp(`(?<![\\w.])(${names.join('|')})\\s*\\(`, 'g'))) {
      const callee = m[1] as string;
      const cls = classes.get(callee) ?? callee.split('.').pop() ?? callee;
      const open = (m.index ?? 0) + m[0].length - 1;
      const name = nameArg(code, open, 'python', consts);
      if (!name?.value) continue;
      const close = closeOf(code, open, 'python') - 1;
      const args = splitTop(code, open + 1, close, 'python');
      const kw = (k: string) => {
        const a = args.find((x) => new RegExp(`^${k}\\s*=`).test(x.text));
        if (!a) return '';
        const eq = a.text.indexOf('=');
        return evalString(code, a.at + eq + 1, a.at + a.text.length, 'python', consts)?.value;
      };
      const ns = kw('namespace');
      const sub = kw('subsystem');
      const unit = kw('unit');
      const meta: Record<string, string | boolean> = { via: 'prometheus', type: cls.toLowerCase() };
      let key = ns === undefined || sub === undefined ? joinName([sub, name.value]) : joinName([ns, sub, name.value]);
      if (unit && !key.endsWith(`_${unit}`)) key += `_${unit}`;
      found.push({ key, at: name.at, meta: ns === undefined || sub === undefined ? { ...meta, partial: true } : meta });
    }
  }
  for (const m of code.matchAll(/\.create_(counter|up_down_counter|histogram|gauge|observable_gauge|observable_counter|observable_up_down_counter)\s*\(/g)) {
    const v = nameArg(code, (m.index ?? 0) + m[0].length - 1, 'python', consts);
    if (v?.value) withPromForm(found, v.value, v.at, { via: 'otel', type: otelType((m[1] as string).replace(/^observable_/, '')) });
  }
  return found;
}

function jsMetrics(code: string, consts: Consts): Found[] {
  const found: Found[] = [];
  if (/(?:from\s*|require\s*\(\s*|import\s*\(\s*)['"]prom-client['"]/.test(code)) {
    for (const m of code.matchAll(/\bnew\s+(?:[\w$]+\.)?(Counter|Gauge|Histogram|Summary)\s*(?:<[^>()]*>)?\s*\(\s*\{/g)) {
      const open = (m.index ?? 0) + m[0].length - 1;
      const close = closeOf(code, open, 'js') - 1;
      for (const part of splitTop(code, open + 1, close, 'js')) {
        const f = /^['"]?name['"]?\s*:\s*/.exec(part.text);
        let v: { value: string; at: number } | undefined;
        if (f) v = evalString(code, part.at + f[0].length, part.at + part.text.length, 'js', consts);
        else if (part.text === 'name' && consts.has('name')) v = { value: consts.get('name') as string, at: part.at };
        if (v?.value) {
          found.push({ key: v.value, at: v.at, meta: { via: 'prom-client', type: (m[1] as string).toLowerCase() } });
          break;
        }
      }
    }
  }
  for (const m of code.matchAll(/\.create(Counter|UpDownCounter|Histogram|Gauge|ObservableGauge|ObservableCounter|ObservableUpDownCounter)\s*(?:<[^>()]*>)?\s*\(/g)) {
    const v = nameArg(code, (m.index ?? 0) + m[0].length - 1, 'js', consts);
    if (v?.value) withPromForm(found, v.value, v.at, { via: 'otel', type: otelType(m[1] as string) });
  }
  return found;
}

const MICROMETER_TYPES = 'Counter|Timer|Gauge|DistributionSummary|LongTaskTimer|FunctionCounter|FunctionTimer|TimeGauge';

function jvmMetrics(code: string, consts: Consts): Found[] {
  const found: Found[] = [];
  // Micrometer builders with the name as argument; the Prometheus 1.x client's builder() takes none.
  for (const m of code.matchAll(new RegExp(`\\b(${MICROMETER_TYPES}|Histogram|Summary|Info|StateSet)\\s*\\.\\s*builder\\s*\\(`, 'g'))) {
    const open = (m.index ?? 0) + m[0].length - 1;
    const type = m[1] as string;
    if (/^\(\s*\)/.test(code.slice(open, open + 20))) {
      found.push(...prometheusJavaChain(code, closeOf(code, open, 'jvm'), consts, type));
      continue;
    }
    if (!new RegExp(`^(?:${MICROMETER_TYPES})$`).test(type)) continue;
    const v = nameArg(code, open, 'jvm', consts);
    if (v?.value) micrometer(found, v.value, v.at, type);
  }
  for (const m of code.matchAll(/\b(?:[\w]*[rR]egistry|Metrics)\s*\.\s*(counter|timer|gauge|summary|longTaskTimer|gaugeCollectionSize|gaugeMapSize)\s*\(/g)) {
    const v = nameArg(code, (m.index ?? 0) + m[0].length - 1, 'jvm', consts);
    const kind = (m[1] as string).startsWith('gauge') ? 'Gauge' : (m[1] as string) === 'summary' ? 'DistributionSummary' : (m[1] as string).replace(/^./, (c) => c.toUpperCase());
    if (v?.value) micrometer(found, v.value, v.at, kind);
  }
  // Prometheus simpleclient: Counter.build("name", "help") or Counter.build().name("x")...
  for (const m of code.matchAll(/\b(Counter|Gauge|Histogram|Summary|Info|Enumeration)\s*\.\s*build\s*\(/g)) {
    const open = (m.index ?? 0) + m[0].length - 1;
    const type = (m[1] as string).toLowerCase();
    const direct = nameArg(code, open, 'jvm', consts);
    if (direct?.value) {
      const chain = prometheusJavaChain(code, closeOf(code, open, 'jvm'), consts, m[1] as string, direct);
      found.push(...(chain.length ? chain : [{ key: direct.value, at: direct.at, meta: { via: 'prometheus', type } }]));
      continue;
    }
    found.push(...prometheusJavaChain(code, closeOf(code, open, 'jvm'), consts, m[1] as string));
  }
  for (const m of code.matchAll(/\.(counterBuilder|upDownCounterBuilder|histogramBuilder|gaugeBuilder)\s*\(/g)) {
    const v = nameArg(code, (m.index ?? 0) + m[0].length - 1, 'jvm', consts);
    if (v?.value) withPromForm(found, v.value, v.at, { via: 'otel', type: otelType((m[1] as string).replace(/Builder$/, '')) });
  }
  return found;
}

function micrometer(found: Found[], name: string, at: number, type: string): void {
  const meta = { via: 'micrometer', type: type.replace(/^Function|^LongTask|^Time(?=Gauge)/, '').toLowerCase() };
  withPromForm(found, name, at, meta);
  if (/Timer$/.test(type)) found.push({ key: `${promForm(name)}_seconds`, at, meta: { ...meta, derived: true } });
}

/** `.name("x").namespace("ns").subsystem("s")` after a Prometheus Java client builder, up to `;` or `.register(`. */
function prometheusJavaChain(code: string, from: number, consts: Consts, type: string, direct?: { value: string; at: number }): Found[] {
  const semi = code.indexOf(';', from);
  const reg = code.indexOf('.register', from);
  const end = Math.min(semi < 0 ? code.length : semi, reg < 0 ? code.length : reg, from + 2000);
  const part = (method: string) => {
    const m = new RegExp(`\\.\\s*${method}\\s*\\(`).exec(code.slice(from, end));
    if (!m) return undefined;
    const open = from + (m.index ?? 0) + m[0].length - 1;
    return nameArg(code, open, 'jvm', consts);
  };
  const name = direct ?? part('name');
  if (!name?.value) return [];
  const ns = part('namespace');
  const sub = part('subsystem');
  return [{ key: joinName([ns?.value, sub?.value, name.value]), at: name.at, meta: { via: 'prometheus', type: type.toLowerCase() } }];
}

const STATSD_METHODS = 'increment|incr|inc|decrement|decr|dec|gauge|gaugeDelta|timing|timer|time|histogram|distribution|set|unique|count|asyncTimer|incrementCounter|decrementCounter|recordGaugeValue|recordExecutionTime|recordHistogramValue|recordDistributionValue|recordSetEvent|Incr|Inc|Decr|Gauge|Count|Timing|Histogram|Distribution|Set|TimeInMilliseconds';

function statsdMetrics(code: string, lang: Lang, consts: Consts): Found[] {
  const found: Found[] = [];
  const re = new RegExp(`(?<![\\w$])([\\w$]+)\\s*\\.\\s*(${STATSD_METHODS})\\s*\\(`, 'g');
  for (const m of code.matchAll(re)) {
    if (!/^(?:dog)?stats?d(?:_?client)?$/i.test(m[1] as string)) continue;
    const v = nameArg(code, (m.index ?? 0) + m[0].length - 1, lang, consts, lang === 'python' ? 'stat' : 'name');
    if (!v?.value || !NAME_OK.test(v.value)) continue;
    withPromForm(found, v.value, v.at, { via: 'statsd' });
  }
  return found;
}

/** Every metric a file defines, with the offset of its name. */
function metricsOf(text: string, lang: Lang): Found[] {
  if (!MARKERS[lang].test(text)) return [];
  const code = stripComments(text, lang);
  const consts = constantsOf(code, lang);
  const found = lang === 'go' ? goMetrics(code, consts) : lang === 'python' ? pythonMetrics(code, consts) : lang === 'js' ? jsMetrics(code, consts) : jvmMetrics(code, consts);
  if (/statsd/i.test(code)) found.push(...statsdMetrics(code, lang, consts));
  return found.filter((f) => NAME_OK.test(f.key));
}

export const metricsProvider: FactProvider = {
  id: 'metrics',
  matches: isMetricSource,
  provide(file: SystemFile, sink: FactSink) {
    const lang = langOf(file.path);
    if (!lang) return;
    const starts = lineStartsOf(file.text);
    const seen = new Set<string>();
    for (const f of metricsOf(file.text, lang)) {
      const line = lineOf(starts, f.at);
      const id = `${f.key}\u0000${line}`;
      if (seen.has(id)) continue;
      seen.add(id);
      sink.add({ kind: 'metric', key: f.key, origin: { file: file.path, start: { line } }, meta: f.meta });
    }
  },
};
