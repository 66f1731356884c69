import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { providers } from '../../src/facts/providers/index.js';

const DIR = path.resolve(import.meta.dirname, '../../src/facts/providers');

describe('provider registry', () => {
  it('lists every provider once', () => {
    const ids = providers.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('registers every provider module of src/facts/providers', async () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts').sort();
    for (const file of files) {
      const mod = (await import(path.join(DIR, file))) as Record<string, unknown>;
      const exported = Object.values(mod).filter((v): v is { id: string; provide: unknown } => typeof v === 'object' && v !== null && 'provide' in v && 'id' in v);
      expect(exported.length, `${file} exports a provider`).toBeGreaterThan(0);
      for (const p of exported) expect(providers, `${file}: ${p.id} is registered`).toContain(p);
    }
  });

  it.each([
    ['package.json', ['npm']],
    ['tsconfig.json', ['config']],
    ['docker-compose.yml', ['config']],
    ['.env.example', ['dotenv']],
    ['Makefile', ['make']],
    ['Dockerfile', ['docker']],
    ['src/index.ts', ['js']],
    ['cmd/server/main.go', ['go']],
    ['go.mod', ['gomod']],
    ['app/cli.py', ['python']],
  ])('%s is read by %j', (file, ids) => {
    expect(providers.filter((p) => p.matches(file)).map((p) => p.id)).toEqual(expect.arrayContaining(ids));
  });

  it('leaves prose and binaries to nobody', () => {
    for (const file of ['README.md', 'docs/guide.md', 'assets/logo.png']) expect(providers.filter((p) => p.matches(file)).map((p) => p.id), file).toEqual([]);
  });
});
