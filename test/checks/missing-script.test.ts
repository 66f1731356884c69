import { testCheck } from '../helpers/check-tester.js';

const system = {
  'package.json': JSON.stringify({ name: 'svc', scripts: { build: 'tsc', test: 'vitest run', 'db:migrate': 'node dist/migrate.js', lint: 'eslint .' } }, null, 2),
  Makefile: '.PHONY: build deploy-staging\n\nbuild:\n\tnpm run build\n\ndeploy-staging: build\n\t./scripts/deploy.sh staging\n',
};

testCheck('missing-script', {
  valid: [
    { name: 'scripts and targets that exist', system, docs: '# Build\n\n```bash\nnpm ci\nnpm run build\nnpm test\nyarn lint\nmake deploy-staging\nmake -j4 build\n```\n\nRun `npm run db:migrate` once.\n' },
    { name: 'npm built-in commands are not scripts', system, docs: '# Deps\n\n```sh\nnpm install --save-dev vitest\nnpm audit\nyarn add zod\n```\n' },
    { name: 'make variables are not targets', system, docs: '```bash\nmake build VERBOSE=1\n```\n' },
  ],
  invalid: [
    {
      name: 'a renamed npm script',
      system,
      docs: '# Database\n\n```bash\nnpm run migrate\n```\n',
      findings: [{ line: 4, messageId: 'npmRenamed', suggestion: 'db:migrate' }],
    },
    {
      name: 'a removed make target and a missing npm start',
      system,
      docs: '# Deploy\n\nRun `make deploy-production` after `npm start` works locally.\n',
      findings: [
        { line: 3, messageId: 'make', suggestion: undefined },
        { line: 3, messageId: 'npm', suggestion: undefined },
      ],
    },
  ],
});
