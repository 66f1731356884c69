import { execFileSync } from 'node:child_process';
import path from 'node:path';

/** Builds dist/ once so that CLI tests run the real binary, as a user would. */
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
}
