import { describe, it, expect } from 'vitest';
import { dotenvProvider, dotenvRole } from '../../src/facts/providers/dotenv.js';
import { runProvider } from './helpers.js';

const EXAMPLE = [
  '# Copy to .env and fill in', // 1
  'DATABASE_URL=postgres://localhost:5432/payments', // 2
  'export STRIPE_KEY="sk_test_123"', // 3
  "LOG_LEVEL='debug' # verbose locally", // 4
  '', // 5
  'SENTRY_DSN=', // 6
  'PORT = 3000', // 7
  'PRIVATE_KEY="-----BEGIN KEY-----', // 8
  'abc', // 9
  '-----END KEY-----"', // 10
  'FEATURE_FLAGS=a,b # trailing comment', // 11
].join('\n');

describe('dotenv provider', () => {
  it('reads an example file with values, lines and columns', () => {
    const run = runProvider(dotenvProvider, '.env.example', EXAMPLE);
    expect(run.problems).toEqual([]);
    expect(run.of('env-var').map((f) => [f.key, f.value, f.origin.start.line, f.origin.start.column])).toEqual([
      ['DATABASE_URL', 'postgres://localhost:5432/payments', 2, 1],
      ['STRIPE_KEY', 'sk_test_123', 3, 8],
      ['LOG_LEVEL', 'debug', 4, 1],
      ['SENTRY_DSN', undefined, 6, 1],
      ['PORT', '3000', 7, 1],
      ['PRIVATE_KEY', '-----BEGIN KEY-----\nabc\n-----END KEY-----', 8, 1],
      ['FEATURE_FLAGS', 'a,b', 11, 1],
    ]);
    expect(run.facts.every((f) => f.meta?.role === 'example')).toBe(true);
  });

  it('gives plain env files the env role', () => {
    const run = runProvider(dotenvProvider, 'services/api/.env', 'API_KEY=local\n');
    expect(run.one('env-var', 'API_KEY').meta).toEqual({ role: 'env' });
  });

  it('reports malformed lines and keeps the others', () => {
    const run = runProvider(dotenvProvider, '.env.local', 'GOOD=1\n  this is not a variable\n1BAD=2\nALSO_GOOD=3\n');
    expect(run.problems).toEqual(['line 2: expected KEY=value', 'line 3: expected KEY=value']);
    expect(run.keys('env-var')).toEqual(['GOOD', 'ALSO_GOOD']);
  });

  it('tells example files from env files', () => {
    expect(dotenvRole('.env.example')).toBe('example');
    expect(dotenvRole('.env.sample')).toBe('example');
    expect(dotenvRole('config/.env.template')).toBe('example');
    expect(dotenvRole('example.env')).toBe('example');
    expect(dotenvRole('.env')).toBe('env');
    expect(dotenvRole('.env.production')).toBe('env');
    expect(dotenvRole('docker/app.env')).toBe('env');
  });

  it('matches dotenv files only', () => {
    for (const p of ['.env', '.env.example', 'a/.env.sample', '.env.production', 'docker/app.env']) expect(dotenvProvider.matches(p)).toBe(true);
    for (const p of ['.envrc', 'env.ts', '.env.json', 'environment.yml']) expect(dotenvProvider.matches(p)).toBe(false);
  });
});
