import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSystem } from '../../src/facts/system.js';
import { normalizePackageName, parseRequirement, pyprojectProvider, tomlArrayStrings } from '../../src/facts/providers/pyproject.js';
import type { Problem } from '../../src/types.js';
import { runProvider, type ProvidedFact } from './helpers.js';

/** `[kind, key, value, line, column, meta]` of facts, meta without the manifest. */
const rows = (facts: ProvidedFact[]) =>
  facts.map((f) => {
    const { manifest: _manifest, ...meta } = f.meta ?? {};
    return [f.kind, f.key, f.value, f.origin.start.line, f.origin.start.column, meta];
  });

// A PEP 621 pyproject with every list form: comments, quotes of both kinds, extras, markers, URLs.
const PYPROJECT = `[build-system]
requires = ["hatchling>=1.21"]
build-backend = "hatchling.build"

[project]
name = "payments-service"
version = "2.4.0"
description = "Payments API and operator CLI"
requires-python = ">=3.11,<3.13"
dependencies = [
    "fastapi>=0.110",
    "uvicorn[standard] >= 0.29, < 1 ; python_version >= '3.11'",
    "Pydantic_Settings~=2.2",  # trailing comment, "quotes"
    'click==8.1.7',
    "stripe",
    "internal-sdk @ https://pkgs.example.com/internal_sdk-1.0-py3-none-any.whl",
]

[project.optional-dependencies]
dev = ["pytest>=8", "ruff==0.4.4"]
docs = [
  # mkdocs for the handbook
  "mkdocs-material>=9.5",
]

[project.scripts]
payments-cli = "payments.cli:main"
payments-worker = "payments.worker.main:cli.main [async]"

[project.gui-scripts]
payments-tray = "payments.tray:run"

[dependency-groups]
dev = ["pytest-cov>=5", {include-group = "lint"}]
lint = ["mypy>=1.10"]

[tool.ruff]
target-version = "py311"
`;

// A Poetry project: python as a dependency, tables, git sources, multiple constraints, groups, scripts.
const POETRY = `[tool.poetry]
name = "ledger"
version = "0.9.0"

[tool.poetry.dependencies]
python = "^3.11"
Django = "^5.0"
celery = { version = "^5.3", extras = ["redis"] }
ledger-core = { git = "https://github.com/acme/ledger-core.git", tag = "v1.2.0" }
uvloop = { version = "^0.19", markers = "sys_platform != 'win32'", optional = true }
numpy = [
    { version = "^1.26", python = "<3.12" },
    { version = "^2.0", python = ">=3.12" },
]

[tool.poetry.group.dev.dependencies]
pytest = "^8.0"

[tool.poetry.group.docs.dependencies]
mkdocs = "*"

[tool.poetry.dev-dependencies]
black = "^24.0"

[tool.poetry.scripts]
ledger = "ledger.cli:app"
ledger-admin = { callable = "ledger.admin:main" }
ledger-sh = { reference = "bin/ledger.sh", type = "file" }
`;

const SETUP_CFG = `[metadata]
name = billing-tools
version = attr: billing.__version__

[options]
packages = find:
python_requires = >=3.9
install_requires =
    requests>=2.31
    # pinned until the v3 migration
    SQLAlchemy[asyncio]<2.1,>=2.0
    file: requirements.in

[options.extras_require]
dev =
    pytest

[options.entry_points]
console_scripts =
    billing = billing.cli:main
    billing-sync = billing.sync:run_sync
gui_scripts =
    billing-gui = billing.gui:start
`;

// pip-compile output with hashes, options, paths and URLs.
const REQUIREMENTS = `# pip-compile output
-r requirements-base.txt
--index-url https://pypi.example.com/simple
-e .
click==8.1.7 \\
    --hash=sha256:ae74fb96c20a0277a1d615f1e4d73c8414f5a98db8b799a7931d1582f3390c28 \\
    --hash=sha256:ca9853ad459e787e2192211578cc907e7594e294c7ccc834310722b41b9ca6de
    # via payments-service
gunicorn==22.0.0  # the WSGI server
Flask_Cors>=4.0
./vendor/localpkg
git+https://github.com/acme/thing.git@v1#egg=thing
requests [security] >= 2.8.1, == 2.8.* ; python_version < "2.7"
`;

describe('pyproject provider: pyproject.toml', () => {
  it('reads requires-python, every dependency list item at its own line and column, and scripts', () => {
    const run = runProvider(pyprojectProvider, 'services/payments/pyproject.toml', PYPROJECT);
    expect(run.problems).toEqual([]);
    expect(rows(run.facts)).toEqual([
      ['version', 'python', '>=3.11,<3.13', 9, 1, { via: 'requires-python' }],
      ['dependency', 'fastapi', '>=0.110', 11, 6, { section: 'project.dependencies' }],
      ['dependency', 'uvicorn', '>=0.29,<1', 12, 6, { section: 'project.dependencies', extras: 'standard', marker: "python_version >= '3.11'" }],
      ['dependency', 'pydantic-settings', '~=2.2', 13, 6, { section: 'project.dependencies' }],
      ['dependency', 'click', '==8.1.7', 14, 6, { section: 'project.dependencies' }],
      ['dependency', 'stripe', undefined, 15, 6, { section: 'project.dependencies' }],
      ['dependency', 'internal-sdk', undefined, 16, 6, { section: 'project.dependencies', url: 'https://pkgs.example.com/internal_sdk-1.0-py3-none-any.whl' }],
      ['dependency', 'pytest', '>=8', 20, 9, { section: 'project.optional-dependencies', group: 'dev', dev: true }],
      ['dependency', 'ruff', '==0.4.4', 20, 22, { section: 'project.optional-dependencies', group: 'dev', dev: true }],
      ['dependency', 'mkdocs-material', '>=9.5', 23, 4, { section: 'project.optional-dependencies', group: 'docs' }],
      ['bin', 'payments-cli', 'payments.cli:main', 27, 1, { via: 'project.scripts', module: 'payments.cli', function: 'main' }],
      // The object path `cli.main` is held by the name `cli`; extras are no part of it.
      ['bin', 'payments-worker', 'payments.worker.main:cli.main [async]', 28, 1, { via: 'project.scripts', module: 'payments.worker.main', function: 'cli' }],
      ['bin', 'payments-tray', 'payments.tray:run', 31, 1, { via: 'project.gui-scripts', module: 'payments.tray', function: 'run' }],
      // PEP 735 groups: `{include-group = ...}` is no requirement.
      ['dependency', 'pytest-cov', '>=5', 34, 9, { section: 'dependency-groups', group: 'dev', dev: true }],
      ['dependency', 'mypy', '>=1.10', 35, 10, { section: 'dependency-groups', group: 'lint' }],
    ]);
    expect(run.one('bin', 'payments-cli').meta?.manifest).toBe('services/payments/pyproject.toml');
  });

  it('reads Poetry: python as the runtime version, table and multi-constraint dependencies, groups and console scripts', () => {
    const run = runProvider(pyprojectProvider, 'pyproject.toml', POETRY);
    expect(run.problems).toEqual([]);
    expect(rows(run.facts)).toEqual([
      ['version', 'python', '^3.11', 6, 1, { via: 'tool.poetry.dependencies' }],
      ['dependency', 'django', '^5.0', 7, 1, { section: 'tool.poetry.dependencies' }],
      ['dependency', 'celery', '^5.3', 8, 1, { section: 'tool.poetry.dependencies', extras: 'redis' }],
      ['dependency', 'ledger-core', undefined, 9, 1, { section: 'tool.poetry.dependencies', source: 'git' }],
      ['dependency', 'uvloop', '^0.19', 10, 1, { section: 'tool.poetry.dependencies', marker: "sys_platform != 'win32'", optional: true }],
      ['dependency', 'numpy', '^1.26 || ^2.0', 11, 1, { section: 'tool.poetry.dependencies' }],
      ['dependency', 'pytest', '^8.0', 17, 1, { section: 'tool.poetry.group.dev.dependencies', group: 'dev', dev: true }],
      ['dependency', 'mkdocs', '*', 20, 1, { section: 'tool.poetry.group.docs.dependencies', group: 'docs' }],
      ['dependency', 'black', '^24.0', 23, 1, { section: 'tool.poetry.dev-dependencies', dev: true }],
      ['bin', 'ledger', 'ledger.cli:app', 26, 1, { via: 'tool.poetry.scripts', module: 'ledger.cli', function: 'app' }],
      // A `type = "file"` script is a shell file, not an entry point.
      ['bin', 'ledger-admin', 'ledger.admin:main', 27, 1, { via: 'tool.poetry.scripts', module: 'ledger.admin', function: 'main' }],
    ]);
  });

  it('reports malformed TOML once and reads nothing of the file', () => {
    const run = runProvider(pyprojectProvider, 'pyproject.toml', '[project]\nname = "x"\nrequires-python = ">=3.11"\ndependencies = [\n  "click"\n\n[project.scripts]\nx = "a:b"\n');
    expect(run.problems).toEqual(['invalid TOML: line 7, column 1: expected comma or end of structure']);
    expect(run.facts).toEqual([]);
    const dup = runProvider(pyprojectProvider, 'pyproject.toml', '[project]\nname = "x"\nname = "y"\n');
    expect(dup.problems).toEqual(['invalid TOML: line 3, column 1: trying to redefine an already defined table or value']);
    expect(dup.facts).toEqual([]);
  });

  it('reports values of the wrong shape, naming their line, and reads the rest', () => {
    const run = runProvider(
      pyprojectProvider,
      'pyproject.toml',
      '[project]\nrequires-python = 3.11\ndependencies = "click"\nscripts = 5\n[project.optional-dependencies]\ndev = ["pytest", "not a req!!"]\n',
    );
    expect(run.problems).toEqual([
      'line 2: requires-python is not a string',
      'line 3: [project] dependencies is not an array',
      'line 6: "not a req!!" is not a PEP 508 requirement',
      'line 4: [project.scripts] is not a table',
    ]);
    expect(rows(run.facts)).toEqual([['dependency', 'pytest', undefined, 6, 9, { section: 'project.optional-dependencies', group: 'dev', dev: true }]]);
  });

  it('takes names that are Object.prototype members as plain names', () => {
    const run = runProvider(
      pyprojectProvider,
      'pyproject.toml',
      '[tool.poetry.dependencies]\nconstructor = "^1.0"\n__proto__ = "^2.0"\ntoString = { version = "^3" }\n\n[tool.poetry.scripts]\nconstructor = "x.y:z"\n\n[tool.poetry.group.hasOwnProperty.dependencies]\nvalueOf = "*"\n',
    );
    expect(run.problems).toEqual([]);
    expect(rows(run.facts)).toEqual([
      ['dependency', 'constructor', '^1.0', 2, 1, { section: 'tool.poetry.dependencies' }],
      ['dependency', '-proto-', '^2.0', 3, 1, { section: 'tool.poetry.dependencies' }],
      ['dependency', 'tostring', '^3', 4, 1, { section: 'tool.poetry.dependencies' }],
      ['bin', 'constructor', 'x.y:z', 7, 1, { via: 'tool.poetry.scripts', module: 'x.y', function: 'z' }],
      ['dependency', 'valueof', '*', 10, 1, { section: 'tool.poetry.group.hasOwnProperty.dependencies', group: 'hasOwnProperty' }],
    ]);
    const cfg = runProvider(pyprojectProvider, 'setup.cfg', '[constructor]\nx = 1\n[options.entry_points]\nconsole_scripts =\n    __proto__ = a.b:c\n');
    expect(rows(cfg.facts)).toEqual([['bin', '__proto__', 'a.b:c', 5, 5, { via: 'console_scripts', module: 'a.b', function: 'c' }]]);
  });

  it('reports an entry point that names no module', () => {
    const run = runProvider(pyprojectProvider, 'pyproject.toml', '[project.scripts]\nok = "pkg.mod:main"\nbad = "pkg/mod.py"\n');
    expect(run.problems).toEqual(['line 3: entry point "bad" is not <module>:<function> ("pkg/mod.py")']);
    expect(run.keys('bin')).toEqual(['ok']);
  });

  it('finds array items across lines, past comments, nested arrays and inline tables', () => {
    const lines = ['deps = [  # "not an item"', '  "a>=1", \'b\',', '  ["nested"], {x = "in table"},', '  """c""",', ']', 'other = ["z"]'];
    expect(tomlArrayStrings(lines, 1, 1)).toEqual([
      { value: 'a>=1', line: 2, column: 4 },
      { value: 'b', line: 2, column: 12 },
      { value: 'c', line: 4, column: 6 },
    ]);
    expect(tomlArrayStrings(['name = "x"', 'deps = ["y"]'], 1, 1)).toEqual([]);
  });
});

describe('pyproject provider: setup.cfg, .python-version, requirements files', () => {
  it('reads python_requires, install_requires and extras (not setuptools directives) and console/gui scripts', () => {
    const run = runProvider(pyprojectProvider, 'setup.cfg', SETUP_CFG);
    expect(run.problems).toEqual([]);
    expect(rows(run.facts)).toEqual([
      ['version', 'python', '>=3.9', 7, 19, { via: 'python_requires' }],
      ['dependency', 'requests', '>=2.31', 9, 5, { section: 'options.install_requires' }],
      ['dependency', 'sqlalchemy', '<2.1,>=2.0', 11, 5, { section: 'options.install_requires', extras: 'asyncio' }],
      ['dependency', 'pytest', undefined, 16, 5, { section: 'options.extras_require', group: 'dev', dev: true }],
      ['bin', 'billing', 'billing.cli:main', 20, 5, { via: 'console_scripts', module: 'billing.cli', function: 'main' }],
      ['bin', 'billing-sync', 'billing.sync:run_sync', 21, 5, { via: 'console_scripts', module: 'billing.sync', function: 'run_sync' }],
      ['bin', 'billing-gui', 'billing.gui:start', 23, 5, { via: 'gui_scripts', module: 'billing.gui', function: 'start' }],
    ]);
  });

  it('reads the first version of .python-version, the others as fallbacks', () => {
    const run = runProvider(pyprojectProvider, '.python-version', '# pyenv\n  3.12.3\n3.11  # fallback\nsystem\n');
    expect(rows(run.facts)).toEqual([['version', 'python', '3.12.3', 2, 3, { via: '.python-version', fallbacks: '3.11 system' }]]);
    expect(rows(runProvider(pyprojectProvider, 'svc/.python-version', 'pypy3.10-7.3.12\n').facts)).toEqual([['version', 'python', 'pypy3.10-7.3.12', 1, 1, { via: '.python-version', alias: true }]]);
    expect(runProvider(pyprojectProvider, '.python-version', '\n').facts).toEqual([]);
  });

  it('reads requirement lines (hash continuations, comments) and skips options, paths and URLs', () => {
    const run = runProvider(pyprojectProvider, 'requirements/prod.txt', REQUIREMENTS);
    expect(run.problems).toEqual([]);
    expect(rows(run.facts)).toEqual([
      ['dependency', 'click', '==8.1.7', 5, 1, { section: 'requirements', pinned: true }],
      ['dependency', 'gunicorn', '==22.0.0', 9, 1, { section: 'requirements', pinned: true }],
      ['dependency', 'flask-cors', '>=4.0', 10, 1, { section: 'requirements' }],
      ['dependency', 'requests', '>=2.8.1,==2.8.*', 13, 1, { section: 'requirements', extras: 'security', marker: 'python_version < "2.7"' }],
    ]);
  });

  it('reads only packaging files outside virtual environments', () => {
    for (const p of ['pyproject.toml', 'svc/pyproject.toml', 'setup.cfg', '.python-version', 'requirements.txt', 'requirements-dev.txt', 'requirements/base.txt', 'api/requirements.prod.txt']) {
      expect(pyprojectProvider.matches(p), p).toBe(true);
    }
    for (const p of ['.venv/lib/python3.12/site-packages/x/pyproject.toml', 'venv/setup.cfg', 'node_modules/x/requirements.txt', 'docs/requirements.md', 'my-requirements.txt', 'setup.py', 'Pipfile', 'poetry.lock']) {
      expect(pyprojectProvider.matches(p), p).toBe(false);
    }
  });

  it('parses PEP 508 requirements and normalises names', () => {
    expect(parseRequirement('Flask (>=2.0, <3)')).toEqual({ name: 'Flask', specifier: '>=2.0,<3' });
    expect(parseRequirement('pkg===1.0')).toEqual({ name: 'pkg', specifier: '===1.0' });
    expect(parseRequirement('name @ git+https://x/y.git@v1 ; os_name == "nt"')).toEqual({ name: 'name', url: 'git+https://x/y.git@v1', marker: 'os_name == "nt"' });
    expect(parseRequirement('x[a, b]~=1.4.2')).toEqual({ name: 'x', extras: 'a,b', specifier: '~=1.4.2' });
    expect(parseRequirement('-e .')).toBeUndefined();
    expect(parseRequirement('pkg 1.0')).toBeUndefined();
    expect(['Flask_SQLAlchemy', 'zope.interface', 'Foo--Bar', 'constructor'].map(normalizePackageName)).toEqual(['flask-sqlalchemy', 'zope-interface', 'foo-bar', 'constructor']);
  });
});

describe('pyproject provider: with the python provider', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'docdrift-pyproject-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };

  it('re-roots the click tree of the entry point module under the script name (loadSystem)', () => {
    write('system/pyproject.toml', '[project]\nname = "payments"\nrequires-python = ">=3.12"\n\n[project.scripts]\npayments-cli = "payments.cli:main"\n');
    write('system/.python-version', '3.12.4\n');
    write(
      'system/src/payments/cli.py',
      [
        'import click',
        '',
        '',
        '@click.group()',
        'def cli():',
        '    """Payments operations."""',
        '',
        '',
        '@cli.group()',
        'def db():',
        '    """Database commands."""',
        '',
        '',
        '@db.command()',
        '@click.option("--dry-run", is_flag=True)',
        '@click.option("--timeout", default=30, show_default=True)',
        'def migrate(dry_run, timeout):',
        '    pass',
        '',
        '',
        'def main():',
        '    cli(auto_envvar_prefix="PAYMENTS")',
        '',
      ].join('\n'),
    );
    write('system/tests/test_cli.py', 'import click\n\n\n@click.command()\ndef fake():\n    pass\n');
    const problems: Problem[] = [];
    const { facts } = loadSystem(['system'], { cwd: dir }, problems);
    expect(problems).toEqual([]);
    const migrate = facts.get('cli-command', 'payments-cli db migrate');
    expect(migrate.map((f) => [f.provider, f.origin.file, f.origin.start.line, f.meta?.['bin']])).toEqual([['python', 'system/src/payments/cli.py', 17, 'payments-cli']]);
    expect(facts.get('cli-command', 'payments-cli').map((f) => [f.origin.start.line, f.meta?.['module'], f.meta?.['fallback']])).toEqual([[5, 'src.payments.cli', undefined]]);
    expect(facts.get('cli-flag', '--timeout').map((f) => [f.value, f.meta?.['command']])).toEqual([
      ['30', 'cli.py db migrate'],
      ['30', 'payments-cli db migrate'],
    ]);
    // The automatic env var of the group is read by the original tree.
    expect(facts.get('env-var', 'PAYMENTS_DB_MIGRATE_TIMEOUT').map((f) => f.value)).toEqual(['30']);
    expect(facts.get('bin', 'payments-cli').map((f) => [f.provider, f.origin.file, f.origin.start.line, f.meta?.['module'], f.meta?.['function']])).toEqual([['pyproject', 'system/pyproject.toml', 6, 'payments.cli', 'main']]);
    expect(facts.get('version', 'python').map((f) => [f.value, f.origin.file, f.meta?.['via']])).toEqual([
      ['3.12.4', 'system/.python-version', '.python-version'],
      ['>=3.12', 'system/pyproject.toml', 'requires-python'],
    ]);
    expect(facts.keys('cli-command')).not.toContain('test_cli.py');
  });
});
