import { testCheck } from '../helpers/check-tester.js';

const system = {
  'package.json': JSON.stringify({ name: 'payments', engines: { node: '>=20' }, scripts: { start: 'node dist/server.js' } }, null, 2),
  Dockerfile: 'FROM node:20-alpine AS build\nRUN npm ci\nFROM node:20-alpine\nEXPOSE 8080\n',
  'docker-compose.yml': 'services:\n  db:\n    image: postgres:16\n    ports: ["5432:5432"]\n',
};

testCheck('version-mismatch', {
  valid: [
    { name: 'versions that fit engines, image tags and compose images', system, docs: '# Setup\n\nInstall Node.js 20 (Node 20.11 works too) and PostgreSQL 16.\n\nNode.js 20 or later is fine, and so is Node 22+.\n' },
    { name: 'runtimes the system says nothing about are not judged', system, docs: 'Use Python 3.8 for the helper scripts.\n' },
    { name: 'nvm use with the right major', system, docs: '```bash\nnvm use 20\nnpm start\n```\n' },
    {
      name: 'PEP 440 compatible-release and exclusion specifiers',
      system: { 'pyproject.toml': '[project]\nname = "billing"\nrequires-python = "~=3.11,!=3.11.0"\n' },
      docs: 'The service runs on Python 3.12.\n',
    },
  ],
  invalid: [
    {
      name: 'an old runtime in prose and in nvm',
      system,
      docs: '# Setup\n\nYou need Node.js 16 installed.\n\n```bash\nnvm install 18\n```\n',
      findings: [{ line: 3, messageId: 'mismatch' }, { line: 6, messageId: 'mismatch' }],
    },
    {
      name: 'a service version from an older compose file',
      system,
      docs: 'The database is PostgreSQL 12.\n',
      findings: [{ line: 1, messageId: 'mismatch' }],
    },
    {
      name: 'a PEP 440 range the page falls outside, and an exact Go pin',
      system: { 'pyproject.toml': '[project]\nname = "billing"\nrequires-python = "~=3.11"\n', '.go-version': '1.22.4\n' },
      docs: 'Install Python 3.10.\n\nBuild with Go 1.23.\n',
      findings: [{ line: 1, messageId: 'mismatch' }, { line: 3, messageId: 'mismatch' }],
    },
  ],
});
