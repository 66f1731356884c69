/**
 * Python packaging files → `version`, `bin` and `dependency` facts, each at the line (and column) of
 * the key or list item that states it. Nothing is installed or resolved. Files under virtual
 * environments and installed packages (`venv/`, `.venv/`, `site-packages/`, `.tox/`, `.nox/`,
 * `__pypackages__/`, `node_modules/`) are not read.
 *
 * - `pyproject.toml` (read with smol-toml; a malformed file is one problem and gives no facts):
 *   - `version` key `python`, value = the range as written: `[project] requires-python` (`meta.via =
 *     'requires-python'`) and Poetry's `python` dependency (`python = "^3.11"`, `meta.via =
 *     'tool.poetry.dependencies'`).
 *   - `bin` (key = executable name, value = the object reference as written, `payments.cli:main`):
 *     `[project.scripts]`, `[project.gui-scripts]` and `[tool.poetry.scripts]` (a string, or a table
 *     with `callable`/`reference`; `type = "file"` scripts are skipped), `meta: {via, manifest, module,
 *     function}` where `function` is the first name of the object path (`cli` for `pkg.cli:cli.main`),
 *     which is what `linkPythonEntryPoints` of the python provider matches CLI roots against.
 *   - `dependency` (key = the PEP 503 normalised name, `Flask_SQLAlchemy` → `flask-sqlalchemy`; value
 *     = the version specifier without spaces, `>=2,<3`, left out when there is none): PEP 508
 *     strings of `[project] dependencies`, `[project.optional-dependencies]` and `[dependency-groups]`
 *     (one fact per list item, at its line and column), and the tables `[tool.poetry.dependencies]`,
 *     `[tool.poetry.dev-dependencies]` and `[tool.poetry.group.<name>.dependencies]` (a string, a
 *     table's `version`, or the versions of a list of constraints joined with ` || `; git/path/url
 *     dependencies give no value and `meta.source`). `meta: {section, manifest, group?, dev?, extras?,
 *     marker?, url?, source?, optional?}`; `dev` is set for Poetry dev dependencies and for groups
 *     named `dev`.
 * - `setup.cfg` (INI, as setuptools reads it): `[options] python_requires` → `version` key `python`
 *   (`meta.via = 'python_requires'`); `[options.entry_points] console_scripts` / `gui_scripts` lines
 *   (`name = module:function`) → `bin`; `[options] install_requires` and `[options.extras_require]`
 *   lines → `dependency`.
 * - `.python-version` (pyenv): the first version line → `version` key `python`, value as written,
 *   `meta: {via: '.python-version', fallbacks?, alias?}` (the other lines, which pyenv also puts on the
 *   path, space-separated; `alias` for names that are not CPython version numbers: `system`,
 *   `pypy3.10-7.3.12`, a virtualenv name). Comment lines are skipped.
 * - `requirements*.txt` and `requirements/*.txt` (pip): each requirement line (continuation lines
 *   joined, `--hash` options and comments dropped) → `dependency`, `meta: {manifest, section:
 *   'requirements', pinned?}` (`pinned` for `==`/`===`). Options (`-r`, `-c`, `-e`, `--index-url`
 *   ...) and bare paths or URLs are skipped.
 *
 * Limits: keys inside inline tables take the position of the key holding the table; dynamic
 * metadata (`dynamic = ["dependencies"]`, `setup.py`) and build-system requirements are not read;
 * PEP 508 markers are kept as written in `meta.marker`, never evaluated.
 */
import { pairOf, parseTree, type TreeNode, type TreePair } from '../../util/keypaths.js';
import type { Fact, FactKind, Position } from '../../types.js';
import type { FactProvider, FactSink, SystemFile } from '../provider.js';

type Meta = Record<string, string | number | boolean>;

/** Directories of virtual environments and installed packages. */
const ENV_DIRS = /(?:^|\/)(?:venv|\.venv|site-packages|dist-packages|node_modules|\.tox|\.nox|__pypackages__|\.git)\//;

/** The PEP 503 normal form of a distribution name: lower case, runs of `-`, `_` and `.` as one `-`. */
export function normalizePackageName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

/** A PEP 508 requirement, split. */
export interface Requirement {
  /** The name as written. */
  name: string;
  /** Extras, as written inside `[...]` (joined with `,`). */
  extras?: string;
  /** Version specifier, without spaces (`>=2,<3`), when there is one. */
  specifier?: string;
  /** A direct reference (`name @ url`). */
  url?: string;
  /** Environment marker after `;`, as written. */
  marker?: string;
}

/** Splits a PEP 508 requirement string (`uvicorn[standard]>=0.29 ; python_version >= "3.9"`); undefined when it is not one. */
export function parseRequirement(text: string): Requirement | undefined {
  const m = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(.*)$/.exec(text);
  if (!m?.[1]) return undefined;
  const req: Requirement = { name: m[1] };
  const extras = m[2]?.split(',').map((e) => e.trim()).filter(Boolean).join(',');
  if (extras) req.extras = extras;
  let rest = m[3] ?? '';
  if (rest.startsWith('@')) {
    // `name @ url ; marker`: the marker needs a space before `;` (URLs may hold `;`).
    const at = /^@\s*(\S+)(?:\s+;\s*(.*))?\s*$/.exec(rest);
    if (!at?.[1]) return undefined;
    req.url = at[1];
    if (at[2]?.trim()) req.marker = at[2].trim();
    return req;
  }
  const semi = rest.indexOf(';');
  if (semi >= 0) {
    const marker = rest.slice(semi + 1).trim();
    if (marker) req.marker = marker;
    rest = rest.slice(0, semi);
  }
  let spec = rest.trim();
  if (spec.startsWith('(') && spec.endsWith(')')) spec = spec.slice(1, -1);
  spec = spec.replace(/\s+/g, '');
  if (spec) {
    if (!/^(?:[<>=!~]=?|===)[^<>=!~,]*(?:,(?:[<>=!~]=?|===)[^<>=!~,]*)*$/.test(spec)) return undefined;
    req.specifier = spec;
  }
  return req;
}

/** `module:attr.path [extras]` → module and the first name of the object path. */
function entryPoint(ref: string): { module: string; function?: string } | undefined {
  const m = /^\s*([A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*)\s*(?::\s*([A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*))?\s*(?:\[[^\]]*\])?\s*$/.exec(ref);
  if (!m?.[1]) return undefined;
  const module = m[1].replace(/\s+/g, '');
  const fn = m[2]?.replace(/\s+/g, '').split('.')[0];
  return fn ? { module, function: fn } : { module };
}

function at(line: number, column?: number): Position {
  return column !== undefined ? { line, column } : { line };
}

/** Collects the facts of one file, with the manifest stamped; {@link Emitter.flush} hands them over in line order. */
class Emitter {
  private readonly facts: Array<Omit<Fact, 'provider'>> = [];

  constructor(
    private readonly file: SystemFile,
    private readonly sink: FactSink,
  ) {}

  add(kind: FactKind, key: string, value: string | undefined, pos: Position, meta: Meta): void {
    const fact = { kind, key, origin: { file: this.file.path, start: pos }, meta: { ...meta, manifest: this.file.path } };
    this.facts.push(value !== undefined ? { ...fact, value } : fact);
  }

  flush(): void {
    const col = (f: Omit<Fact, 'provider'>) => f.origin.start.column ?? 0;
    const sorted = this.facts.map((f, k) => ({ f, k })).sort((a, b) => a.f.origin.start.line - b.f.origin.start.line || col(a.f) - col(b.f) || a.k - b.k);
    for (const { f } of sorted) this.sink.add(f);
    this.facts.length = 0;
  }

  bin(name: string, ref: string, pos: Position, via: string): void {
    const ep = entryPoint(ref);
    if (!ep) {
      this.sink.problem(`line ${pos.line}: entry point "${name}" is not <module>:<function> ("${ref}")`);
      return;
    }
    const meta: Meta = { via, module: ep.module };
    if (ep.function) meta['function'] = ep.function;
    this.add('bin', name, ref.trim(), pos, meta);
  }

  /** A PEP 508 string: a dependency fact, or a problem. */
  requirement(text: string, pos: Position, meta: Meta): void {
    const req = parseRequirement(text);
    if (!req) {
      this.sink.problem(`line ${pos.line}: "${text.trim()}" is not a PEP 508 requirement`);
      return;
    }
    const m: Meta = { ...meta };
    if (req.extras) m['extras'] = req.extras;
    if (req.marker) m['marker'] = req.marker;
    if (req.url) m['url'] = req.url;
    this.add('dependency', normalizePackageName(req.name), req.specifier, pos, m);
  }
}

// ------------------------------------------------------------------------------------------------
// pyproject.toml

/** A string item of a TOML array, with the position of its first character. */
interface Item {
  value: string;
  line: number;
  column: number;
}

/**
 * The string items of the array that is the value of the key at `line`/`column` (1-based), in
 * order, at depth one. Strings of nested arrays and inline tables are left out.
 */
export function tomlArrayStrings(lines: string[], line: number, column: number): Item[] {
  const out: Item[] = [];
  let li = line - 1;
  let i = column - 1;
  let seenEq = false;
  let depth = 0;
  let started = false;
  while (li < lines.length) {
    const s = lines[li] as string;
    if (i >= s.length) {
      li++;
      i = 0;
      continue;
    }
    const c = s[i] as string;
    if (!seenEq) {
      if (c === '=') seenEq = true;
      i++;
      continue;
    }
    if (!started) {
      // The value must be an array.
      if (c !== '[') {
        if (/\s/.test(c)) {
          i++;
          continue;
        }
        return out;
      }
      started = true;
    }
    if (c === '#') {
      i = s.length;
      continue;
    }
    if (c === '[' || c === '{') {
      depth++;
      i++;
      continue;
    }
    if (c === ']' || c === '}') {
      depth--;
      i++;
      if (depth <= 0) return out;
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = s.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      const startLine = li + 1;
      const startCol = i + quote.length + 1;
      let value = '';
      let j = i + quote.length;
      let cur = s;
      for (;;) {
        if (j >= cur.length) {
          if (!triple || li + 1 >= lines.length) break;
          li++;
          cur = lines[li] as string;
          j = 0;
          value += '\n';
          continue;
        }
        if (cur.startsWith(quote, j)) {
          j += quote.length;
          break;
        }
        if (c === '"' && cur[j] === '\\') {
          value += cur.slice(j, j + 2);
          j += 2;
          continue;
        }
        value += cur[j];
        j++;
      }
      if (depth === 1) out.push({ value, line: startLine, column: startCol });
      i = j;
      continue;
    }
    i++;
  }
  return out;
}

function stringOf(node: TreeNode | undefined): string | undefined {
  return node?.type === 'scalar' && node.kind === 'string' && node.value !== null ? node.value : undefined;
}

function readPyproject(file: SystemFile, sink: FactSink): void {
  const parsed = parseTree('toml', file.text);
  if (parsed.errors.length) {
    for (const e of parsed.errors) sink.problem(`invalid TOML: ${e}`);
    return;
  }
  const root = parsed.docs[0]?.root;
  if (!root || root.type !== 'map') return;
  const out = new Emitter(file, sink);
  const lines = file.text.split(/\r?\n/);
  const pos = (p: { line: number; column?: number }) => at(p.line, p.column);
  /** The map at a dotted path of keys; a problem when something else is there. */
  const table = (...keys: string[]): TreePair[] | undefined => {
    let node: TreeNode | undefined = root;
    let pair: TreePair | undefined;
    for (const k of keys) {
      pair = pairOf(node, k);
      if (!pair) return undefined;
      node = pair.value;
    }
    if (node?.type !== 'map') {
      if (pair) sink.problem(`line ${pair.line}: [${keys.join('.')}] is not a table`);
      return undefined;
    }
    return node.pairs;
  };
  /** Each string of the array at `pair`, with its own position. */
  const arrayItems = (pair: TreePair, what: string): Item[] => {
    if (pair.value.type !== 'seq') {
      sink.problem(`line ${pair.line}: ${what} is not an array`);
      return [];
    }
    const strings = pair.value.items.filter((x) => stringOf(x) !== undefined);
    // Positions from a scan of the text; values from the parser (escapes decoded). Should the scan
    // disagree (an array in an inline table), every item takes the position of its key.
    const found = tomlArrayStrings(lines, pair.line, pair.column ?? 1);
    if (found.length === strings.length) return found.map((f, k) => ({ ...f, value: stringOf(strings[k]) as string }));
    return strings.map((x) => ({ value: stringOf(x) as string, line: pair.line, column: pair.column ?? 1 }));
  };
  const requirementList = (pair: TreePair, what: string, meta: Meta) => {
    for (const it of arrayItems(pair, what)) {
      const lead = it.value.length - it.value.trimStart().length;
      out.requirement(it.value, at(it.line, it.column + lead), meta);
    }
  };

  // [project]
  const project = table('project');
  const requiresPython = project?.find((p) => p.key === 'requires-python');
  if (requiresPython) {
    const v = stringOf(requiresPython.value);
    if (v !== undefined) out.add('version', 'python', v.trim(), pos(requiresPython), { via: 'requires-python' });
    else sink.problem(`line ${requiresPython.line}: requires-python is not a string`);
  }
  const deps = project?.find((p) => p.key === 'dependencies');
  if (deps) requirementList(deps, '[project] dependencies', { section: 'project.dependencies' });
  for (const group of table('project', 'optional-dependencies') ?? []) {
    requirementList(group, `optional-dependencies "${group.key}"`, { section: 'project.optional-dependencies', group: group.key, ...(group.key === 'dev' ? { dev: true } : {}) });
  }
  for (const [section, via] of [
    ['scripts', 'project.scripts'],
    ['gui-scripts', 'project.gui-scripts'],
  ] as const) {
    for (const p of table('project', section) ?? []) {
      const ref = stringOf(p.value);
      if (ref === undefined) sink.problem(`line ${p.line}: script "${p.key}" is not a string`);
      else out.bin(p.key, ref, pos(p), via);
    }
  }

  // [dependency-groups] (PEP 735): strings only; `{include-group = ...}` tables are skipped.
  for (const group of table('dependency-groups') ?? []) {
    requirementList(group, `dependency group "${group.key}"`, { section: 'dependency-groups', group: group.key, ...(group.key === 'dev' ? { dev: true } : {}) });
  }

  // [tool.poetry]
  for (const p of table('tool', 'poetry', 'scripts') ?? []) {
    const ref = stringOf(p.value) ?? stringOf(pairOf(p.value, 'callable')?.value) ?? stringOf(pairOf(p.value, 'reference')?.value);
    const type = stringOf(pairOf(p.value, 'type')?.value);
    if (type !== undefined && type !== 'console') continue;
    if (ref === undefined) sink.problem(`line ${p.line}: Poetry script "${p.key}" names no callable`);
    else out.bin(p.key, ref, pos(p), 'tool.poetry.scripts');
  }
  const poetryDeps = (pairs: TreePair[] | undefined, meta: Meta) => {
    for (const p of pairs ?? []) {
      const m: Meta = { ...meta };
      let value: string | undefined;
      const v = p.value;
      if (v.type === 'scalar') value = stringOf(v);
      else if (v.type === 'map') {
        value = stringOf(pairOf(v, 'version')?.value);
        const source = ['git', 'path', 'url', 'file'].find((s) => pairOf(v, s));
        if (source) m['source'] = source;
        const extras = pairOf(v, 'extras')?.value;
        if (extras?.type === 'seq') {
          const list = extras.items.map(stringOf).filter((x): x is string => !!x);
          if (list.length) m['extras'] = list.join(',');
        }
        const markers = stringOf(pairOf(v, 'markers')?.value);
        if (markers) m['marker'] = markers;
        const optional = pairOf(v, 'optional')?.value;
        if (optional?.type === 'scalar' && optional.kind === 'boolean' && optional.value === 'true') m['optional'] = true;
      } else if (v.type === 'seq') {
        // Several constraints (per Python version or platform): their versions, joined.
        const versions = v.items.map((x) => stringOf(x) ?? stringOf(pairOf(x, 'version')?.value)).filter((x): x is string => !!x);
        if (versions.length) value = versions.join(' || ');
      }
      if (p.key === 'python') {
        if (value !== undefined) out.add('version', 'python', value.trim(), pos(p), { via: String(meta['section']) });
        continue;
      }
      out.add('dependency', normalizePackageName(p.key), value?.trim(), pos(p), m);
    }
  };
  poetryDeps(table('tool', 'poetry', 'dependencies'), { section: 'tool.poetry.dependencies' });
  poetryDeps(table('tool', 'poetry', 'dev-dependencies'), { section: 'tool.poetry.dev-dependencies', dev: true });
  for (const g of table('tool', 'poetry', 'group') ?? []) {
    const pairs = g.value.type === 'map' ? pairOf(g.value, 'dependencies') : undefined;
    if (!pairs) continue;
    if (pairs.value.type !== 'map') {
      sink.problem(`line ${pairs.line}: [tool.poetry.group.${g.key}.dependencies] is not a table`);
      continue;
    }
    poetryDeps(pairs.value.pairs, { section: `tool.poetry.group.${g.key}.dependencies`, group: g.key, ...(g.key === 'dev' ? { dev: true } : {}) });
  }
  out.flush();
}

// ------------------------------------------------------------------------------------------------
// setup.cfg

interface IniValue {
  key: string;
  /** Position of the key. */
  line: number;
  column: number;
  /** The text after the separator on the key's line (trimmed; may be empty). */
  first: string;
  /** Position of `first`. */
  firstColumn: number;
  /** Continuation lines, each with its position. */
  more: Array<{ text: string; line: number; column: number }>;
}

/** Reads INI sections as configparser does: `key = value` or `key: value`, indented lines continue a value, `#`/`;` lines are comments. */
function readIni(text: string): Map<string, IniValue[]> {
  const sections = new Map<string, IniValue[]>();
  let current: IniValue[] | undefined;
  let last: IniValue | undefined;
  text.split(/\r?\n/).forEach((raw, idx) => {
    const line = idx + 1;
    const indent = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (!t || t.startsWith('#') || t.startsWith(';')) return;
    if (indent > 0 && last) {
      last.more.push({ text: t, line, column: indent + 1 });
      return;
    }
    const header = /^\[([^\]]+)\]/.exec(t);
    if (header?.[1]) {
      const name = header[1].trim();
      current = sections.get(name) ?? [];
      sections.set(name, current);
      last = undefined;
      return;
    }
    const sep = /[=:]/.exec(t);
    if (!sep || !current) {
      last = undefined;
      return;
    }
    const key = t.slice(0, sep.index).trim();
    const after = raw.slice(indent + sep.index + 1);
    const first = after.trim();
    last = { key, line, column: indent + 1, first, firstColumn: indent + sep.index + 2 + (after.length - after.trimStart().length), more: [] };
    current.push(last);
  });
  return sections;
}

/** The lines of an INI value: the first line's text (when not empty) and each continuation line. */
function iniLines(v: IniValue): Array<{ text: string; line: number; column: number }> {
  return [...(v.first ? [{ text: v.first, line: v.line, column: v.firstColumn }] : []), ...v.more];
}

/** Requirement lines of an INI value; setuptools directives (`file: requirements.txt`, `attr: x`) are not requirements. */
function requirementLines(v: IniValue): Array<{ text: string; line: number; column: number }> {
  return iniLines(v).filter((l) => !/^(?:file|attr)\s*:/.test(l.text));
}

function readSetupCfg(file: SystemFile, sink: FactSink): void {
  const ini = readIni(file.text);
  const out = new Emitter(file, sink);
  const options = ini.get('options') ?? [];
  for (const v of options) {
    if (v.key === 'python_requires' && v.first) out.add('version', 'python', v.first, at(v.line, v.firstColumn), { via: 'python_requires' });
    if (v.key === 'install_requires') for (const l of requirementLines(v)) out.requirement(l.text, at(l.line, l.column), { section: 'options.install_requires' });
  }
  for (const v of ini.get('options.extras_require') ?? []) {
    for (const l of requirementLines(v)) out.requirement(l.text, at(l.line, l.column), { section: 'options.extras_require', group: v.key, ...(v.key === 'dev' ? { dev: true } : {}) });
  }
  for (const v of ini.get('options.entry_points') ?? []) {
    if (v.key !== 'console_scripts' && v.key !== 'gui_scripts') continue;
    for (const l of iniLines(v)) {
      const eq = l.text.indexOf('=');
      if (eq <= 0) {
        sink.problem(`line ${l.line}: "${l.text}" is not <name> = <module>:<function>`);
        continue;
      }
      out.bin(l.text.slice(0, eq).trim(), l.text.slice(eq + 1), at(l.line, l.column), v.key);
    }
  }
  out.flush();
}

// ------------------------------------------------------------------------------------------------
// .python-version and requirements files

function readPythonVersion(file: SystemFile, sink: FactSink): void {
  const out = new Emitter(file, sink);
  const versions: Array<{ value: string; line: number; column: number }> = [];
  file.text.split(/\r?\n/).forEach((raw, idx) => {
    const t = raw.replace(/#.*$/, '').trim();
    if (t) versions.push({ value: t, line: idx + 1, column: raw.length - raw.trimStart().length + 1 });
  });
  const [first, ...rest] = versions;
  if (first) {
    const meta: Meta = { via: '.python-version' };
    if (!/^\d/.test(first.value)) meta['alias'] = true;
    if (rest.length) meta['fallbacks'] = rest.map((v) => v.value).join(' ');
    out.add('version', 'python', first.value, at(first.line, first.column), meta);
  }
  out.flush();
}

function readRequirements(file: SystemFile, sink: FactSink): void {
  const out = new Emitter(file, sink);
  const lines = file.text.split(/\r?\n/);
  for (let idx = 0; idx < lines.length; idx++) {
    const line = idx + 1;
    const raw = lines[idx] as string;
    const column = raw.length - raw.trimStart().length + 1;
    let text = raw;
    // Backslash continuations (pip-compile's `--hash` lines).
    while (/\\\s*$/.test(text) && idx + 1 < lines.length) {
      text = text.replace(/\\\s*$/, ' ') + (lines[++idx] as string);
    }
    text = text.replace(/(?:^|\s)#.*$/, '').replace(/\s--hash[=\s]\S+/g, '').trim();
    if (!text || text.startsWith('-') || /^\.{1,2}$/.test(text) || /^(?:[a-z+]+:\/\/|\.{0,2}\/|[\w.-]+\/)/i.test(text) || /^\S+\.(?:whl|zip|tar\.gz)$/.test(text)) continue;
    const req = parseRequirement(text);
    if (!req) {
      sink.problem(`line ${line}: "${text}" is not a requirement`);
      continue;
    }
    const meta: Meta = { section: 'requirements' };
    if (req.specifier && /^===?[^=,]*$/.test(req.specifier)) meta['pinned'] = true;
    out.requirement(text, at(line, column), meta);
  }
  out.flush();
}

// ------------------------------------------------------------------------------------------------
// Provider

type Kind = 'pyproject' | 'setup.cfg' | '.python-version' | 'requirements';

/** Which of the files this provider reads `path` is, if any. */
export function pythonManifestKind(path: string): Kind | undefined {
  if (ENV_DIRS.test(path)) return undefined;
  const parts = path.split('/');
  const base = parts[parts.length - 1] as string;
  if (base === 'pyproject.toml') return 'pyproject';
  if (base === 'setup.cfg') return 'setup.cfg';
  if (base === '.python-version') return '.python-version';
  if (/^requirements[\w.-]*\.txt$/.test(base) || (parts[parts.length - 2] === 'requirements' && base.endsWith('.txt'))) return 'requirements';
  return undefined;
}

export const pyprojectProvider: FactProvider = {
  id: 'pyproject',
  matches(path) {
    return pythonManifestKind(path) !== undefined;
  },
  provide(file: SystemFile, sink: FactSink) {
    switch (pythonManifestKind(file.path)) {
      case 'pyproject':
        return readPyproject(file, sink);
      case 'setup.cfg':
        return readSetupCfg(file, sink);
      case '.python-version':
        return readPythonVersion(file, sink);
      case 'requirements':
        return readRequirements(file, sink);
      default:
        return undefined;
    }
  },
};
