import { testCheck } from '../helpers/check-tester.js';

/** A cobra CLI `payctl` with `refunds list|retry` and `ledger reconcile`, all in one file. */
const system = {
  'go.mod': 'module example.com/payctl\n\ngo 1.22\n',
  'cmd/payctl/main.go': [
    'package main',
    '',
    'import "github.com/spf13/cobra"',
    '',
    'func main() {',
    '\troot := &cobra.Command{Use: "payctl"}',
    '\trefunds := &cobra.Command{Use: "refunds"}',
    '\tlist := &cobra.Command{Use: "list"}',
    '\tlist.Flags().String("status", "failed", "filter by status")',
    '\tretry := &cobra.Command{Use: "retry <id>"}',
    '\tretry.Flags().Bool("dry-run", false, "only print")',
    '\trefunds.AddCommand(list, retry)',
    '\tledger := &cobra.Command{Use: "ledger"}',
    '\treconcile := &cobra.Command{Use: "reconcile"}',
    '\treconcile.Flags().Int("batch-size", 500, "rows per batch")',
    '\tledger.AddCommand(reconcile)',
    '\troot.PersistentFlags().String("env", "staging", "environment")',
    '\troot.AddCommand(refunds, ledger)',
    '\troot.Execute()',
    '}',
  ].join('\n'),
};

testCheck('unknown-cli-command', {
  valid: [
    {
      name: 'commands that exist, arguments after a leaf, other tools\' subcommands',
      system,
      docs: '# Refunds\n\n```bash\npayctl refunds list --status failed\npayctl refunds retry re_123 --dry-run\nkubectl rollout restart deploy/payctl\ngit log --oneline\n```\n\nRun `payctl ledger reconcile` nightly.\n',
    },
  ],
  invalid: [
    {
      name: 'a renamed subcommand suggests the close one',
      system,
      docs: '# Refunds\n\n```bash\npayctl refunds retries re_123\n```\n',
      findings: [{ line: 4, messageId: 'renamed', suggestion: 'payctl refunds retry' }],
    },
    {
      name: 'a removed subcommand, in a code block and inline',
      system,
      docs: '# Ledger\n\n```bash\npayctl ledger rebuild --date 2026-01-01\n```\n\nOr `payctl payouts run`.\n',
      findings: [{ line: 4, messageId: 'unknown' }, { line: 7, messageId: 'unknown' }],
    },
  ],
});
