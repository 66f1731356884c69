/**
 * Version-manager files → `version` facts (key = runtime name as version claims use it: `node`, `go`,
 * `python`, `ruby`, `java`, `rust`, `terraform` ...; value = the version), each at the line and
 * column of the version, with `meta: {manifest, via, tool?, alias?, distribution?, fallbacks?}`:
 *
 * - one-version files (`via: 'version-file'`): `.nvmrc` and `.node-version` → `node`,
 *   `.ruby-version` → `ruby`, `.java-version` → `java`, `.go-version` → `go`, `.terraform-version` →
 *   `terraform`. The first line that is not blank or a `#` comment is read (inline `# ...` comments
 *   are dropped). `.python-version` is left to the pyproject provider, which reads it.
 * - `rust-toolchain` (plain channel, or TOML) and `rust-toolchain.toml` (`[toolchain] channel`) →
 *   `rust` (`via: 'rustup'`).
 * - asdf `.tool-versions` (`via: 'asdf'`): one fact per tool line, value = the first version; the
 *   other versions listed (asdf falls back to them) are in `meta.fallbacks`, space-separated.
 * - mise `mise.toml`, `.mise.toml`, `mise.<env>.toml`, `mise/config.toml`, `.mise/config.toml`,
 *   `.config/mise.toml`, `.config/mise/config.toml` and `.rtx.toml` (`via: 'mise'`): one fact per
 *   `[tools]` entry; the value may be a string (`"20"`; space-separated versions count as a list), an
 *   array (first = default, rest in `meta.fallbacks`) or a table with `version`. Tools named with a
 *   backend (`"npm:prettier"`, `"cargo:ripgrep"`) are packages, not runtimes, and are skipped; `core:`
 *   is dropped.
 *
 * Tool names map to runtime names (`nodejs` → `node`, `golang` → `go`, `postgresql` → `postgres`);
 * other names are kept, lower-cased, and `meta.tool` keeps the name as written when it differs.
 *
 * Values: a leading `v` before a digit is dropped (`v20.11.1` → `20.11.1`), and so is the runtime's
 * own name (`ruby-3.2.2` → `3.2.2`). A Java distribution prefix (`temurin-17.0.5+8`,
 * `openjdk64-17.0.2`) is moved to `meta.distribution`, leaving the Java version. Anything else that
 * does not start with a digit is kept as written with `meta.alias: true`: names a version manager
 * resolves (`lts/*`, `lts/iron`, `node`, `stable`, `nightly-2024-01-01`, `latest`, `system`,
 * `ref:…`, `path:…`) and other implementations (`pypy3.10-7.3.12`, `jruby-9.4.5.0`, whose numbers
 * are not the runtime's).
 *
 * Files under `node_modules/`, `vendor/` and `testdata/` are not read.
 */
import { childOf, parseTree, scalarOf, type TreeNode } from '../../util/keypaths.js';
import type { Fact, Position } from '../../types.js';
import type { FactProvider, FactSink, SystemFile } from '../provider.js';

/** One-version files and the runtime they pin. */
const VERSION_FILES: Record<string, string> = {
  '.nvmrc': 'node',
  '.node-version': 'node',
  '.ruby-version': 'ruby',
  '.java-version': 'java',
  '.go-version': 'go',
  '.terraform-version': 'terraform',
};

/** Version-manager tool names → the runtime names version claims use. */
const TOOL_NAMES: Record<string, string> = {
  nodejs: 'node',
  golang: 'go',
  postgresql: 'postgres',
};

const MISE_FILE = /(?:^|\/)(?:\.?mise(?:\.[\w-]+)?\.toml|\.?mise\/config\.toml|\.config\/mise\.toml|\.config\/mise\/config\.toml|\.rtx\.toml)$/;

type Meta = Record<string, string | number | boolean>;

/** The runtime name of a version-manager tool name. */
export function runtimeName(tool: string): string {
  const t = tool.trim().toLowerCase();
  return TOOL_NAMES[t] ?? t;
}

/** Splits a written version into the value a `version` fact carries and its meta (see the header). */
export function versionValue(runtime: string, written: string): { value: string; meta: Meta } {
  let v = written.trim();
  const names = [runtime, ...Object.keys(TOOL_NAMES).filter((k) => TOOL_NAMES[k] === runtime)];
  for (const name of names) {
    const own = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-?(?=v?\\d)`, 'i');
    if (own.test(v)) {
      v = v.replace(own, '');
      break;
    }
  }
  v = v.replace(/^v(?=\d)/i, '');
  if (/^\d/.test(v)) return { value: v, meta: {} };
  if (runtime === 'java') {
    const m = /^([a-z][\w.]*(?:-[a-z][\w.]*)*)-v?(\d[\w.+-]*)$/i.exec(v);
    if (m) return { value: m[2] as string, meta: { distribution: m[1] as string } };
  }
  return { value: v, meta: { alias: true } };
}

function at(line: number, column?: number): Position {
  return column !== undefined ? { line, column } : { line };
}

/** A version-manager line without its `#` comment (a `#` at the start or after whitespace). */
function stripComment(line: string): string {
  const m = /(?:^|\s)#/.exec(line);
  return m ? line.slice(0, m.index) : line;
}

/** Words of a line with their 1-based columns. */
function wordsOf(line: string): Array<{ text: string; column: number }> {
  return [...line.matchAll(/\S+/g)].map((m) => ({ text: m[0], column: (m.index ?? 0) + 1 }));
}

function baseName(path: string): string {
  return path.split('/').pop() ?? '';
}

export const runtimeVersionsProvider: FactProvider = {
  id: 'runtime-versions',
  matches(path) {
    if (/(?:^|\/)(?:node_modules|vendor|testdata)\//.test(path)) return false;
    const base = baseName(path);
    return base in VERSION_FILES || base === '.tool-versions' || base === 'rust-toolchain' || base === 'rust-toolchain.toml' || MISE_FILE.test(path);
  },
  provide(file: SystemFile, sink: FactSink) {
    const base = baseName(file.path);
    const emit = (runtime: string, written: string, line: number, column: number | undefined, via: string, extra: Meta = {}) => {
      const { value, meta } = versionValue(runtime, written);
      if (!value) return;
      const fact: Omit<Fact, 'provider'> = {
        kind: 'version',
        key: runtime,
        value,
        origin: { file: file.path, start: at(line, column) },
        meta: { manifest: file.path, via, ...extra, ...meta },
      };
      sink.add(fact);
    };
    const lines = file.text.split(/\r?\n/);

    const runtime = VERSION_FILES[base];
    if (runtime) {
      for (let i = 0; i < lines.length; i++) {
        const w = wordsOf(stripComment(lines[i] as string))[0];
        if (!w) continue;
        emit(runtime, w.text, i + 1, w.column, 'version-file');
        break;
      }
      return;
    }

    if (base === '.tool-versions') {
      lines.forEach((raw, i) => {
        const words = wordsOf(stripComment(raw));
        const [tool, first, ...rest] = words;
        if (!tool) return;
        if (!first) {
          sink.problem(`line ${i + 1}: tool "${tool.text}" has no version`);
          return;
        }
        const name = runtimeName(tool.text);
        const extra: Meta = {};
        if (name !== tool.text) extra.tool = tool.text;
        if (rest.length) extra.fallbacks = rest.map((w) => w.text).join(' ');
        emit(name, first.text, i + 1, first.column, 'asdf', extra);
      });
      return;
    }

    if (base === 'rust-toolchain' || base === 'rust-toolchain.toml') {
      const toml = base.endsWith('.toml') || /^\s*\[toolchain\]/m.test(file.text);
      if (!toml) {
        for (let i = 0; i < lines.length; i++) {
          const w = wordsOf(stripComment(lines[i] as string))[0];
          if (!w) continue;
          emit('rust', w.text, i + 1, w.column, 'rustup');
          break;
        }
        return;
      }
      const parsed = parseTree('toml', file.text);
      for (const e of parsed.errors) sink.problem(`could not parse TOML: ${e}`);
      for (const doc of parsed.docs) {
        const toolchain = childOf(doc.root, 'toolchain');
        const channel = toolchain?.type === 'map' ? toolchain.pairs.find((p) => p.key === 'channel') : undefined;
        const value = scalarOf(channel?.value);
        if (channel && value) emit('rust', value, channel.line, channel.column, 'rustup');
      }
      return;
    }

    if (MISE_FILE.test(file.path)) {
      const parsed = parseTree('toml', file.text);
      for (const e of parsed.errors) sink.problem(`could not parse TOML: ${e}`);
      for (const doc of parsed.docs) {
        const tools = childOf(doc.root, 'tools');
        if (tools?.type !== 'map') continue;
        for (const pair of tools.pairs) {
          let tool = pair.key.trim();
          if (/^core:/i.test(tool)) tool = tool.slice(5);
          if (tool.includes(':') || !tool) continue;
          const versions = miseVersions(pair.value);
          const [first, ...rest] = versions;
          if (!first) {
            sink.problem(`line ${pair.line}: tool "${pair.key}" has no version`);
            continue;
          }
          const name = runtimeName(tool);
          const extra: Meta = {};
          if (name !== pair.key) extra.tool = pair.key;
          if (rest.length) extra.fallbacks = rest.join(' ');
          emit(name, first, pair.line, pair.column, 'mise', extra);
        }
      }
    }
  },
};

/** The versions of one mise `[tools]` entry: a string (space-separated list), an array, or `{version = ...}`. */
function miseVersions(node: TreeNode): string[] {
  if (node.type === 'scalar') return (node.value ?? '').split(/\s+/).filter(Boolean);
  if (node.type === 'seq') return node.items.flatMap((item) => miseVersions(item));
  const version = childOf(node, 'version');
  return version ? miseVersions(version) : [];
}
