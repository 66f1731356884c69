import { describe, it, expect } from 'vitest';
import { dockerfileProvider, parseImageRef } from '../../src/facts/providers/dockerfile.js';
import { runProvider, triples } from './helpers.js';

const DOCKERFILE = [
  '# syntax=docker/dockerfile:1', // 1
  'ARG NODE_VERSION=20', // 2
  'ARG REGISTRY', // 3
  'FROM --platform=$BUILDPLATFORM node:${NODE_VERSION}-alpine AS build', // 4
  'WORKDIR /app', // 5
  'ENV NODE_ENV=production \\', // 6
  '    # a comment inside the continuation', // 7
  '    API_URL="http://localhost:8080/api v1" \\', // 8
  '    EMPTY=', // 9
  'env LEGACY_KEY legacy value here', // 10
  'RUN <<EOF', // 11
  'ENV NOT_AN_ENV=1', // 12
  'EXPOSE 1', // 13
  'EOF', // 14
  'RUN npm ci && \\', // 15
  '    npm run build', // 16
  '', // 17
  'FROM build AS test', // 18
  'RUN npm test', // 19
  '', // 20
  'FROM gcr.io/distroless/nodejs20-debian12:nonroot', // 21
  'ARG PORT=3000', // 22
  'COPY --from=build /app/dist /app', // 23
  'EXPOSE ${PORT} 9229/udp \\', // 24
  '       8000-8002', // 25
  'FROM ${REGISTRY}/sidecar', // 26
  'FROM scratch', // 27
].join('\n');

describe('docker provider', () => {
  const run = runProvider(dockerfileProvider, 'services/api/Dockerfile', DOCKERFILE);

  it('reads a multi-stage Dockerfile without problems', () => {
    expect(run.problems).toEqual([]);
  });

  it('reads ENV (both forms) and ARG, across continuation lines, not inside heredocs', () => {
    expect(run.of('env-var').map((f) => [f.key, f.value, f.origin.start.line, f.meta?.instruction])).toEqual([
      ['NODE_VERSION', '20', 2, 'ARG'],
      ['REGISTRY', undefined, 3, 'ARG'],
      ['NODE_ENV', 'production', 6, 'ENV'],
      ['API_URL', 'http://localhost:8080/api v1', 8, 'ENV'],
      ['EMPTY', '', 9, 'ENV'],
      ['LEGACY_KEY', 'legacy value here', 10, 'ENV'],
      ['PORT', '3000', 22, 'ARG'],
    ]);
    expect(run.one('env-var', 'API_URL').origin.start.column).toBe(5);
    expect(run.one('env-var', 'NODE_VERSION').meta).toEqual({ instruction: 'ARG', global: true });
    expect(run.one('env-var', 'NODE_ENV').meta).toEqual({ instruction: 'ENV', stage: 'build', stageIndex: 0 });
    expect(run.one('env-var', 'PORT').meta).toEqual({ instruction: 'ARG', stageIndex: 2 });
  });

  it('reads FROM images with tags, skipping stage references and scratch', () => {
    expect(triples(run.of('image'))).toEqual([
      ['node', '20-alpine', 4],
      ['gcr.io/distroless/nodejs20-debian12', 'nonroot', 21],
      ['${REGISTRY}/sidecar', 'latest', 26],
    ]);
    const node = run.one('image', 'node');
    expect(node.origin.start.column).toBe('FROM --platform=$BUILDPLATFORM '.length + 1);
    expect(node.meta).toEqual({ stage: 'build', stageIndex: 0, written: 'node:${NODE_VERSION}-alpine' });
  });

  it('reads EXPOSE ports, ranges, protocols and ARG-substituted ports', () => {
    expect(run.of('port').map((f) => [f.key, f.origin.start.line, f.meta?.protocol])).toEqual([
      ['3000', 24, 'tcp'],
      ['9229', 24, 'udp'],
      ['8000', 25, 'tcp'],
      ['8001', 25, 'tcp'],
      ['8002', 25, 'tcp'],
    ]);
    expect(run.of('port')[0]?.meta?.written).toBe('${PORT}');
  });

  it('reports malformed instructions and keeps reading', () => {
    const text = ['FROM alpine:3.20', 'ENVV FOO=1', 'ENV =x', 'EXPOSE http', 'ENV GOOD=1', 'ARG', 'RUN echo \\'].join('\n');
    const r = runProvider(dockerfileProvider, 'Dockerfile', text);
    expect(r.problems).toEqual([
      'line 2: unknown instruction ENVV',
      'line 3: ENV with an empty name',
      'line 4: EXPOSE http is not a port',
      'line 6: ARG without a name',
      'line 7: line continuation at the end of the file',
    ]);
    expect(triples(r.of('env-var'))).toEqual([['GOOD', '1', 5]]);
    expect(triples(r.of('image'))).toEqual([['alpine', '3.20', 1]]);
  });

  it('honours the escape directive', () => {
    const r = runProvider(dockerfileProvider, 'Dockerfile.windows', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV APP_HOME=C:\\app `\n    LOG=C:\\logs\n');
    expect(r.problems).toEqual([]);
    expect(triples(r.of('env-var'))).toEqual([
      ['APP_HOME', 'C:\\app', 3],
      ['LOG', 'C:\\logs', 4],
    ]);
  });

  it('splits image references', () => {
    expect(parseImageRef('localhost:5000/team/app:1.2')).toEqual({ name: 'localhost:5000/team/app', tag: '1.2' });
    expect(parseImageRef('localhost:5000/team/app')).toEqual({ name: 'localhost:5000/team/app' });
    expect(parseImageRef('node@sha256:abc')).toEqual({ name: 'node', digest: 'sha256:abc' });
    expect(parseImageRef('node:${NODE:-20}')).toEqual({ name: 'node', tag: '${NODE:-20}' });
    expect(parseImageRef('${REG:-docker.io}/app')).toEqual({ name: '${REG:-docker.io}/app' });
  });

  it('matches Dockerfiles by name', () => {
    for (const p of ['Dockerfile', 'api/Dockerfile', 'Dockerfile.dev', 'build/api.Dockerfile', 'Containerfile']) expect(dockerfileProvider.matches(p)).toBe(true);
    for (const p of ['.dockerignore', 'Dockerfile.dockerignore', 'Dockerfile.md', 'docker-compose.yml', 'Dockerfiles/readme.md']) expect(dockerfileProvider.matches(p)).toBe(false);
  });
});
