import { describe, it, expect } from 'vitest';
import { makefileProvider } from '../../src/facts/providers/makefile.js';
import { runProvider } from './helpers.js';

const MAKEFILE = [
  '# Build tooling', // 1
  'BIN_DIR := bin', // 2
  'GO ?= go', // 3
  'VERSION = $(shell git describe --tags)', // 4
  'LDFLAGS += -X main.version=$(VERSION)', // 5
  'NPROC != nproc', // 6
  'SHELL ::= /bin/bash', // 7
  '.PHONY: all build test lint clean release', // 8
  '.DEFAULT_GOAL := all', // 9
  '', // 10
  'all: build test ## default', // 11
  '', // 12
  'build: $(BIN_DIR)/server', // 13
  '\t$(GO) build -o $(BIN_DIR)/server ./cmd/server', // 14
  '', // 15
  '$(BIN_DIR)/%: cmd/%/main.go', // 16
  '\t$(GO) build -o $@ ./cmd/$*', // 17
  '', // 18
  'test lint:', // 19
  '\t$(GO) test ./... \\', // 20
  '\t  -race', // 21
  '', // 22
  '%.pb.go: %.proto', // 23
  '\tprotoc --go_out=. $<', // 24
  '', // 25
  'define HELP_TEXT', // 26
  'usage: make <target>', // 27
  'fake-target: not a rule', // 28
  'endef', // 29
  '', // 30
  'clean::', // 31
  '\trm -rf $(BIN_DIR)', // 32
  '', // 33
  'docker-build \\', // 34
  '  docker-push: build', // 35
  '\tdocker build .', // 36
  '', // 37
  'ifeq ($(CI),true)', // 38
  'ci: test', // 39
  'endif', // 40
  '.SUFFIXES:', // 41
  '# old: commented-out rule', // 42
  'prod: ENV = production', // 43
  '${OUT}/app: build', // 44
].join('\n');

describe('make provider', () => {
  const run = runProvider(makefileProvider, 'Makefile', MAKEFILE);

  it('reads a real Makefile without problems', () => {
    expect(run.problems).toEqual([]);
  });

  it('finds every target with its line, and nothing else', () => {
    expect(run.of('make-target').map((f) => [f.key, f.origin.start.line, f.origin.start.column])).toEqual([
      ['all', 11, 1],
      ['build', 13, 1],
      ['$(BIN_DIR)/%', 16, 1],
      ['test', 19, 1],
      ['lint', 19, 6],
      ['%.pb.go', 23, 1],
      ['clean', 31, 1],
      ['docker-build', 34, 1],
      ['docker-push', 35, 3],
      ['ci', 39, 1],
      ['prod', 43, 1],
      ['${OUT}/app', 44, 1],
      // Declared phony with no rule: a target at its .PHONY line.
      ['release', 8, undefined],
    ]);
  });

  it('marks phony, double-colon and dynamic targets', () => {
    expect(run.one('make-target', 'all').meta).toEqual({ makefile: 'Makefile', phony: true });
    expect(run.one('make-target', 'clean').meta).toEqual({ makefile: 'Makefile', phony: true, doubleColon: true });
    expect(run.one('make-target', '$(BIN_DIR)/%').meta).toEqual({ makefile: 'Makefile', dynamic: true });
    expect(run.one('make-target', '%.pb.go').meta).toEqual({ makefile: 'Makefile', dynamic: true });
    expect(run.one('make-target', 'docker-push').meta).toEqual({ makefile: 'Makefile' });
    expect(run.one('make-target', 'release').meta).toEqual({ makefile: 'Makefile', phony: true, rule: false });
  });

  it('skips variables, special targets, define bodies and recipes', () => {
    const keys = run.keys('make-target');
    for (const k of ['BIN_DIR', 'GO', 'VERSION', 'LDFLAGS', 'NPROC', 'SHELL', '.PHONY', '.DEFAULT_GOAL', '.SUFFIXES', 'fake-target', 'usage', 'old', 'ENV']) {
      expect(keys).not.toContain(k);
    }
  });

  it('reports lines that are not make, and unclosed define', () => {
    const r = runProvider(makefileProvider, 'build/rules.mk', 'ok:\n\techo ok\nthis is not make\ndefine X\nbody\n');
    expect(r.problems).toEqual(['line 3: not a rule, variable assignment or directive (missing separator)', 'line 4: define without endef']);
    expect(r.keys('make-target')).toEqual(['ok']);
    expect(r.one('make-target', 'ok').meta?.makefile).toBe('build/rules.mk');
  });

  it('matches make files by name', () => {
    for (const p of ['Makefile', 'makefile', 'GNUmakefile', 'sub/Makefile', 'mk/common.mk']) expect(makefileProvider.matches(p)).toBe(true);
    for (const p of ['Makefile.am', 'README.md', 'CMakeLists.txt']) expect(makefileProvider.matches(p)).toBe(false);
  });
});
