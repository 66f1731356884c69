/**
 * dotenv files (`.env`, `.env.example`, `.env.sample`, `.env.*`, `*.env`) → `env-var` facts: key =
 * variable name, value = the value written there (omitted when empty), `meta.role` = `example` for
 * example/sample/template/dist/defaults files, else `env`. Malformed lines become problems; the
 * well-formed lines around them are still read.
 */
import { flatten, formatOfPath } from '../../util/keypaths.js';
import type { FactProvider, FactSink, SystemFile } from '../provider.js';

/** `example` for files meant as templates (`.env.example`, `.env.sample`, `example.env` ...), else `env`. */
export function dotenvRole(path: string): 'example' | 'env' {
  const base = (path.split('/').pop() ?? '').toLowerCase();
  return /(?:^|[.\-_])(?:example|sample|template|tmpl|dist|defaults?)(?:[.\-_]|$)/.test(base) ? 'example' : 'env';
}

export const dotenvProvider: FactProvider = {
  id: 'dotenv',
  matches(path) {
    return formatOfPath(path) === 'dotenv';
  },
  provide(file: SystemFile, sink: FactSink) {
    const { entries, errors } = flatten('dotenv', file.text);
    for (const e of errors) sink.problem(e);
    const role = dotenvRole(file.path);
    for (const e of entries) {
      const start = e.column !== undefined ? { line: e.line, column: e.column } : { line: e.line };
      const fact = { kind: 'env-var' as const, key: e.path, origin: { file: file.path, start }, meta: { role } };
      sink.add(e.value ? { ...fact, value: e.value } : fact);
    }
  },
};
