#!/usr/bin/env node
import path from 'node:path';
import pc from 'picocolors';
import { CommanderError } from 'commander';
import { analyze } from '../analyze.js';
import { buildProgram, type ScanPlan } from './program.js';
import { FORMATTERS } from '../report/formats.js';
import { writeAtomic } from '../report/write.js';
import type { AnalysisResult } from '../result.js';
import type { Severity } from '../types.js';
import { UserError, errorMessage } from '../util/errors.js';

const SEVERITY_COLOR: Record<Severity, (s: string) => string> = { error: pc.red, warning: pc.yellow, info: pc.cyan };

/** Exit code for a result: 1 when a finding is at or above the threshold. */
export function exitCodeFor(result: AnalysisResult, failOn: ScanPlan['failOn']): number {
  if (failOn === 'none') return 0;
  const { error, warning } = result.summary.bySeverity;
  return error > 0 || (failOn === 'warning' && warning > 0) ? 1 : 0;
}

async function scan(plan: ScanPlan): Promise<void> {
  const started = performance.now();
  const result = await analyze(plan.analyze);
  const written: string[] = [];
  for (const f of plan.formats) {
    const { file, format } = FORMATTERS[f];
    const target = path.join(plan.out, file);
    writeAtomic(target, format(result));
    written.push(path.relative(process.cwd(), target) || target);
  }
  printSummary(result, written, performance.now() - started);
  process.exitCode = exitCodeFor(result, plan.failOn);
}

function printSummary(result: AnalysisResult, written: string[], ms: number): void {
  const s = result.summary;
  const lines: string[] = [];
  lines.push(`${pc.bold('docdrift')} ${result.tool.version}: scanned ${s.pages} pages (${s.sections} sections), checked ${s.claims} claims against ${s.facts} facts from ${s.systemFiles} system files in ${(ms / 1000).toFixed(2)} s`);
  lines.push(`  findings: ${pc.red(`${s.bySeverity.error} errors`)}, ${pc.yellow(`${s.bySeverity.warning} warnings`)}, ${pc.cyan(`${s.bySeverity.info} suspect`)} · verified ${s.verified} · could not check ${s.unverifiable} · problems ${s.problems}`);
  if (result.findings.length) {
    lines.push('  top findings:');
    result.findings.slice(0, 5).forEach((f, i) => {
      lines.push(`   ${i + 1}. ${pc.bold(`${f.span.file}:${f.span.start.line}`)} ${SEVERITY_COLOR[f.severity](f.severity)} ${pc.dim(f.checkId)} ${f.message}`);
    });
  }
  for (const p of result.problems.slice(0, 5)) lines.push(`  ${pc.yellow('problem')} ${p.file}: ${p.reason}`);
  if (result.problems.length > 5) lines.push(`  … ${result.problems.length - 5} more problems in the report`);
  lines.push(`  reports: ${written.join(', ')}`);
  process.stdout.write(lines.join('\n') + '\n');
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram(scan);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; usage errors were already printed by commander
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    if (err instanceof UserError) {
      process.stderr.write(`docdrift: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`docdrift: internal error: ${errorMessage(err)}\n${err instanceof Error ? err.stack ?? '' : ''}\n`);
    process.exitCode = 2;
  }
}

await main(process.argv);
