import { describe, it, expect } from 'vitest';
import { providers } from '../../src/facts/providers/index.js';

describe('provider registry', () => {
  it('lists every provider once, in a fixed order', () => {
    expect(providers.map((p) => p.id)).toEqual(['config', 'npm', 'make', 'dotenv', 'docker', 'js']);
  });

  it.each([
    ['package.json', ['npm']],
    ['tsconfig.json', ['config']],
    ['docker-compose.yml', ['config']],
    ['.env.example', ['dotenv']],
    ['Makefile', ['make']],
    ['Dockerfile', ['docker']],
    ['src/index.ts', ['js']],
    ['README.md', []],
  ])('%s is read by %j', (path, ids) => {
    expect(providers.filter((p) => p.matches(path)).map((p) => p.id)).toEqual(ids);
  });
});
