#!/usr/bin/env node
import { Command, Option } from 'commander';

const program = new Command();
program.name('acme-payments').description('Operator tools for the payments service').version('4.2.0');

program
  .command('migrate')
  .description('Apply pending database migrations')
  .option('--dry-run', 'print the SQL without running it')
  .option('--to <version>', 'migrate up or down to this version')
  .action(() => {});

const refunds = program.command('refunds').description('Inspect and retry refunds');

refunds
  .command('list')
  .option('--status <status>', 'filter by status', 'failed')
  .option('--since <date>', 'only refunds created after this date')
  .option('--limit <n>', 'rows to show', '50')
  .action(() => {});

refunds
  .command('retry <refundId>')
  .option('--dry-run', 'show what would be retried')
  .action(() => {});

const ledger = program.command('ledger').description('Ledger maintenance');

ledger
  .command('reconcile')
  .option('--date <yyyy-mm-dd>', 'the business day to reconcile')
  .option('--batch-size <n>', 'rows per batch', '500')
  .addOption(new Option('--provider <name>', 'payment provider').default('stripe').env('PAYMENTS_PROVIDER'))
  .action(() => {});

program
  .command('payouts')
  .description('Trigger payouts outside the daily schedule')
  .option('--merchant <id>', 'only this merchant')
  .option('--confirm', 'really send money')
  .action(() => {});

program.parse();
