import { testCheck } from '../helpers/check-tester.js';

const system = {
  'src/config.ts': [
    "export const logLevel = process.env.PAYMENTS_LOG_LEVEL ?? 'info';",
    "export const timeout = process.env.PAYMENTS_TIMEOUT ?? '30s';",
    'export const dsn = process.env.PAYMENTS_DSN;',
  ].join('\n'),
  '.env.example': 'PAYMENTS_LOG_LEVEL=debug\n',
};

/** A Go CLI whose flags bind env vars; two of them have no default in their definition. */
const goSystem = {
  'go.mod': 'module example.com/relay\n\ngo 1.22\n',
  'cmd/relay/main.go': [
    'package main',
    '',
    'import "github.com/urfave/cli/v2"',
    '',
    'var flags = []cli.Flag{',
    '\t&cli.StringFlag{Name: "forge-url", EnvVars: []string{"RELAY_FORGE_URL"}},',
    '\t&cli.BoolFlag{Name: "debug", EnvVars: []string{"RELAY_DEBUG"}},',
    '\t&cli.IntFlag{Name: "workers", EnvVars: []string{"RELAY_WORKERS"}, Value: 4},',
    '}',
    '',
    'func main() {',
    '\tapp := &cli.App{Name: "relay", Flags: flags}',
    '\t_ = app',
    '}',
  ].join('\n'),
};

testCheck('default-value-mismatch', {
  valid: [
    {
      name: 'defaults that match the code, in a table and under a reference heading, with units normalised',
      system,
      docs: '| Variable | Default |\n|---|---|\n| `PAYMENTS_LOG_LEVEL` | `info` |\n\n### `PAYMENTS_TIMEOUT`\n\n> Default: `30000ms`\n',
    },
    { name: 'a default the code does not define is not judged', system, docs: '### `PAYMENTS_DSN`\n\n> Default: `postgres://localhost/payments`\n' },
    {
      name: 'a flag defined without a default: its zero value matches, a filled-in string default is not judged',
      system: goSystem,
      docs: '### `RELAY_DEBUG`\n\n> Default: `false`\n\n### `RELAY_FORGE_URL`\n\n> Default: `https://github.com`\n',
    },
    { name: 'an .env.example value is not a default', system, docs: 'Set `PAYMENTS_LOG_LEVEL` to `debug` while developing.\n' },
  ],
  invalid: [
    {
      name: 'old defaults under reference headings and in a table',
      system,
      docs: '## Options\n\n### `PAYMENTS_LOG_LEVEL`\n\n> Default: empty\n\nLog level.\n\n| Variable | Default |\n|---|---|\n| `PAYMENTS_TIMEOUT` | `10s` |\n',
      findings: [{ line: 5 }, { line: 11 }],
    },
    {
      name: 'a boolean flag without a default is off, and a changed number default',
      system: goSystem,
      docs: '### `RELAY_DEBUG`\n\n> Default: `true`\n\n### `RELAY_WORKERS`\n\n> Default: `8`\n',
      findings: [{ line: 3 }, { line: 7 }],
    },
    {
      name: 'defaults stated in running text',
      system,
      docs: '# Tuning\n\n`PAYMENTS_TIMEOUT` defaults to `10s`. Logs go to stdout at `PAYMENTS_LOG_LEVEL` (default: `info`).\n\nThe level, `PAYMENTS_LOG_LEVEL`, has a default of `warn`.\n',
      findings: [{ line: 3 }, { line: 5 }],
    },
  ],
});
