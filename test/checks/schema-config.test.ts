import { testCheck } from '../helpers/check-tester.js';

/**
 * A system that publishes the JSON Schema of the pipeline file its users write, and holds no such
 * file itself: snippets of pipeline files are judged against the schema.
 */
const schema = JSON.stringify(
  {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    additionalProperties: false,
    properties: {
      steps: {
        oneOf: [
          { type: 'object', additionalProperties: { $ref: '#/definitions/step' } },
          { type: 'array', items: { $ref: '#/definitions/step' } },
        ],
      },
      skip_clone: { type: 'boolean' },
      workspace: { type: 'object' },
    },
    definitions: {
      step: {
        type: 'object',
        additionalProperties: false,
        properties: {
          name: { type: 'string' },
          image: { type: 'string' },
          commands: { type: 'array', items: { type: 'string' } },
          settings: { type: 'object' },
          environment: { type: 'object', additionalProperties: { type: 'string' } },
          when: { type: 'object', additionalProperties: false, properties: { event: { type: 'string' }, branch: { type: 'string' } } },
        },
      },
    },
  },
  null,
  2,
);
const system = { 'pipeline/schema/schema.json': schema, 'main.go': 'package main\n' };

testCheck('unknown-config-key', {
  valid: [
    {
      name: 'a valid snippet with arbitrary step names',
      system,
      docs: '# Pipelines\n\n```yaml\nsteps:\n  my-build:\n    image: golang\n    commands:\n      - go build\n  another_one:\n    image: node\n    when:\n      event: push\n    environment:\n      ANY_NAME: x\n```\n',
    },
    {
      name: 'the list form of steps, with named items',
      system,
      docs: '```yaml\nsteps:\n  - name: build\n    image: golang\n    commands: [go build]\n  - name: test\n    image: golang\n    when:\n      branch: main\n```\n',
    },
    {
      name: 'keys under an open object are not judged',
      system,
      docs: '```yaml\nsteps:\n  publish:\n    image: plugins/docker\n    settings:\n      repo: foo/bar\n      anything_goes: true\nworkspace:\n  base: /go\n  path: src\n```\n',
    },
    {
      name: 'a snippet that shares too little with the schema is not judged',
      system,
      docs: '```yaml\nname: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n```\n',
    },
    {
      name: 'a compose file is another tool\'s file, whatever its shape',
      system,
      docs: '```yaml\n# docker-compose.yml\nsteps:\n  web:\n    image: nginx\n    commands: [run]\n    restart: always\n```\n',
    },
    {
      name: 'inline keys are never called missing from a schema',
      system,
      docs: 'Set `steps.build.image`, or the old `pipeline.build.image`.\n',
    },
  ],
  invalid: [
    {
      name: 'a removed top-level key, renamed by shape',
      system,
      docs: '# Pipelines\n\n```yaml\npipeline:\n  backend:\n    image: golang\n    commands:\n      - go build\n  frontend:\n    image: node\n    commands:\n      - npm run build\n```\n',
      findings: [{ line: 4, messageId: 'renamed', suggestion: 'steps' }],
    },
    {
      name: 'a removed top-level key, renamed by name',
      system,
      docs: '```yaml\nskip-clone: true\nsteps:\n  build:\n    image: golang\n    commands: [go build]\n```\n',
      findings: [{ line: 2, messageId: 'renamed', suggestion: 'skip_clone' }],
    },
    {
      name: 'a key a closed step object does not define',
      system,
      docs: '```yaml\nsteps:\n  build:\n    image: golang\n    comands:\n      - go build\n    when:\n      event: push\n```\n',
      findings: [{ line: 5, messageId: 'renamed', suggestion: 'steps.build.commands' }],
    },
    {
      name: 'a removed key in a step condition',
      system,
      docs: '```yaml\nsteps:\n  build:\n    image: golang\n    when:\n      event: push\n      tag: v*\n```\n',
      findings: [{ line: 7, key: 'steps.build.when.tag' }],
    },
  ],
});
