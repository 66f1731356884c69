import { testCheck } from '../helpers/check-tester.js';

const system = {
  'src/config/index.ts': 'export {};\n',
  'scripts/ops/rollback.sh': '#!/bin/sh\n',
  'deploy/k8s/deployment.yaml': 'kind: Deployment\n',
  'config/default.yaml': 'a: 1\n',
  'config/production.yaml': 'a: 2\n',
  'migrations/001_init.sql': 'select 1;\n',
};

testCheck('missing-path', {
  valid: [
    { name: 'paths that exist, directories with a trailing slash, placeholders and globs', system, docs: '# Tour\n\nConfig loads in `src/config/index.ts` from `config/<env>.yaml`; migrations live in `migrations/` (`migrations/*.sql`).\n\n```bash\nkubectl apply -f deploy/k8s/deployment.yaml\n```\n' },
    { name: 'absolute and home paths are not the system\'s', system, docs: 'Edit `/etc/hosts` and `~/.kube/config`.\n' },
    { name: 'paths under folders the system does not have are not judged', system, docs: '```bash\ntar czf backups/db.tgz dump.sql\n```\n' },
    {
      name: 'local copies of committed templates (.env from .env.example, x.yml from x.yml.dist)',
      system: { ...system, '.env.example': 'PORT=8080\n', 'config/app.yml.dist': 'a: 1\n' },
      docs: '```bash\ncp .env.example .env\ncp config/app.yml.dist config/app.yml\n```\n\nThen edit `.env` and `.env.local`.\n',
    },
  ],
  invalid: [
    {
      name: 'a moved script suggests its new place',
      system,
      docs: '# Rollback\n\n```bash\n./scripts/rollback.sh v1.2.3\n```\n',
      findings: [{ line: 4, messageId: 'moved', suggestion: 'scripts/ops/rollback.sh' }],
    },
    {
      name: 'a deleted file under a known folder',
      system,
      docs: 'The retry policy lives in `src/config/retry.ts`.\n',
      findings: [{ line: 1, messageId: 'missing' }],
    },
    {
      name: 'a file with no template beside it is still missing',
      system: { ...system, '.env.example': 'PORT=8080\n' },
      docs: 'Secrets go in `config/secrets.yaml`.\n',
      findings: [{ line: 1, messageId: 'missing' }],
    },
  ],
});

testCheck('missing-path', {
  valid: [
    {
      name: 'Go import paths inside the module, and other modules, are not missing files',
      system: { 'go.mod': 'module go.acme.dev/payments/v2\n\ngo 1.22\n', 'internal/ledger/ledger.go': 'package ledger\n' },
      docs: '```bash\ngo test ./... go.acme.dev/payments/v2/internal/ledger\ngo get github.com/spf13/cobra\n```\n',
    },
  ],
  invalid: [
    {
      name: 'an import path under the module\'s old path',
      system: { 'go.mod': 'module go.acme.dev/payments/v2\n\ngo 1.22\n', 'internal/ledger/ledger.go': 'package ledger\n' },
      docs: '```bash\ngo test -race github.com/acme/payments/internal/<package>\n```\n',
      findings: [{ line: 2, messageId: 'module', suggestion: 'go.acme.dev/payments/v2/internal' }],
    },
  ],
});
