/**
 * npm manifests (`package.json`, never under `node_modules/`) → `script`, `bin`, `dependency`,
 * `engine` and `version` facts, each at the line of its key.
 *
 * - `script`: key = script name, value = command, `meta.manifest`.
 * - `bin`: key = command name (a string `bin` is named after the unscoped package name), value = path.
 * - `dependency`: key = package name, value = range, `meta: {dev, section, manifest}` for
 *   `dependencies`, `devDependencies` (dev), `peerDependencies` and `optionalDependencies`.
 * - `engine`: `engines` entries (key `node`, `npm` ...), plus the `packageManager` field
 *   (`pnpm@9.1.0` → key `pnpm`, value `9.1.0`, `meta.field = 'packageManager'`).
 * - `version`: key = package name, value = version.
 *
 * JSON that is not strict (comments, trailing commas) or is malformed is reported as a problem; what
 * comes before a syntax error is still read.
 */
import { pairOf, parseTree, type TreeNode, type TreePair } from '../../util/keypaths.js';
import type { FactKind, Position } from '../../types.js';
import type { FactProvider, FactSink, SystemFile } from '../provider.js';

const DEP_SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;

function pos(p: { line: number; column?: number }): Position {
  return p.column !== undefined ? { line: p.line, column: p.column } : { line: p.line };
}

function stringOf(node: TreeNode | undefined): string | undefined {
  return node?.type === 'scalar' && node.kind === 'string' && node.value !== null ? node.value : undefined;
}

export const packageJsonProvider: FactProvider = {
  id: 'npm',
  matches(path) {
    return (path === 'package.json' || path.endsWith('/package.json')) && !/(?:^|\/)node_modules\//.test(path);
  },
  provide(file: SystemFile, sink: FactSink) {
    const manifest = file.path;
    const parsed = parseTree('json', file.text, { strictJson: true });
    for (const e of parsed.errors) sink.problem(`invalid JSON: ${e}`);
    const root = parsed.docs[0]?.root;
    if (!root) return;
    if (root.type !== 'map') {
      sink.problem(`line ${root.line}: package.json is not a JSON object`);
      return;
    }
    const add = (kind: FactKind, key: string, at: TreePair, value: string | undefined, meta: Record<string, string | number | boolean>) => {
      const fact = { kind, key, origin: { file: manifest, start: pos(at) }, meta };
      sink.add(value !== undefined ? { ...fact, value } : fact);
    };
    const mapOf = (field: string): TreePair[] | undefined => {
      const p = pairOf(root, field);
      if (!p) return undefined;
      if (p.value.type !== 'map') {
        sink.problem(`line ${p.line}: "${field}" is not an object`);
        return undefined;
      }
      return p.value.pairs;
    };

    const namePair = pairOf(root, 'name');
    const name = stringOf(namePair?.value);
    const versionPair = pairOf(root, 'version');
    const version = stringOf(versionPair?.value);
    if (namePair && name) add('version', name, namePair, version, { manifest });

    for (const p of mapOf('scripts') ?? []) {
      const cmd = stringOf(p.value);
      if (cmd === undefined) {
        sink.problem(`line ${p.line}: script "${p.key}" is not a string`);
        continue;
      }
      add('script', p.key, p, cmd, { manifest });
    }

    const binPair = pairOf(root, 'bin');
    if (binPair) {
      const single = stringOf(binPair.value);
      if (single !== undefined) {
        if (name) add('bin', name.replace(/^@[^/]+\//, ''), binPair, single, { manifest });
        else sink.problem(`line ${binPair.line}: a string "bin" needs a package name`);
      } else if (binPair.value.type === 'map') {
        for (const p of binPair.value.pairs) add('bin', p.key, p, stringOf(p.value), { manifest });
      } else sink.problem(`line ${binPair.line}: "bin" is neither a string nor an object`);
    }

    for (const section of DEP_SECTIONS) {
      for (const p of mapOf(section) ?? []) {
        add('dependency', p.key, p, stringOf(p.value), { dev: section === 'devDependencies', section, manifest });
      }
    }

    for (const p of mapOf('engines') ?? []) add('engine', p.key, p, stringOf(p.value), { manifest });
    const pm = pairOf(root, 'packageManager');
    const pmText = stringOf(pm?.value);
    if (pm && pmText) {
      const m = /^(@?[^@\s]+)@([^+\s]+)/.exec(pmText);
      if (m) add('engine', m[1] as string, pm, m[2] as string, { manifest, field: 'packageManager' });
      else sink.problem(`line ${pm.line}: packageManager "${pmText}" is not <name>@<version>`);
    }
  },
};
