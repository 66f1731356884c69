import { testCheck } from '../helpers/check-tester.js';

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
    '\tlist.Flags().IntP("limit", "n", 50, "rows")',
    '\trefunds.AddCommand(list)',
    '\troot.PersistentFlags().String("env", "staging", "environment")',
    '\troot.AddCommand(refunds)',
    '\troot.Execute()',
    '}',
  ].join('\n'),
};

testCheck('unknown-cli-flag', {
  valid: [
    {
      name: 'own flags, persistent flags from the root, shorthands, --help, and other tools\' flags',
      system,
      docs: '# Refunds\n\n```bash\npayctl refunds list --status=failed -n 20 --env production\npayctl refunds list --help\nkubectl get pods --all-namespaces --no-headers\ncurl --fail --silent https://example.com\n```\n',
    },
  ],
  invalid: [
    {
      name: 'a renamed flag suggests the close one',
      system,
      docs: '# Refunds\n\n```bash\npayctl refunds list --status failed --limits 5\n```\n',
      findings: [{ line: 4, messageId: 'renamed', suggestion: '--limit' }],
    },
    {
      name: 'a removed flag in inline code',
      system,
      docs: '# Refunds\n\nAdd `payctl refunds list --include-archived` to see old ones.\n',
      findings: [{ line: 3, messageId: 'unknown' }],
    },
  ],
});
