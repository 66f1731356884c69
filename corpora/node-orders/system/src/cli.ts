#!/usr/bin/env node
// Operator CLI of the orders service. Installed as `orders` (see "bin" in package.json).
import { Command, InvalidArgumentError, Option } from 'commander';
import { createPool } from './db.js';

const DEFAULT_PAGE_SIZE = '25';

function parseCount(value: string): number {
  const n = Number.parseInt(value, 10);
  if (Number.isNaN(n) || n < 1) throw new InvalidArgumentError('expected a positive number');
  return n;
}

const program = new Command();

program
  .description('Operate the orders service')
  .version('2.3.0')
  .option('-c, --config <file>', 'config file to load', 'config/default.json')
  .option('-v, --verbose', 'log every SQL statement');

program
  .command('serve')
  .description('start the HTTP API')
  .option('-p, --port <port>', 'port to listen on', parseCount, 3000)
  .option('--host <host>', 'interface to bind', '0.0.0.0')
  .action(async (opts) => {
    const { startServer } = await import('./server.js');
    await startServer(opts);
  });

/** `orders db ...`: schema maintenance. */
function dbCommand(): Command {
  const db = new Command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending migrations')
    .option('--to <version>', 'migrate up or down to this version')
    .option('--dry-run', 'print the SQL without running it')
    .action(async () => {});
  db.command('seed')
    .description('load demo data')
    .option('--orders <n>', 'orders to create', parseCount, 100)
    .action(async () => {});
  return db;
}

program.addCommand(dbCommand());

const orders = program.command('orders').description('inspect and change orders');

orders
  .command('list')
  .alias('ls')
  .option('--status <status>', 'only orders in this status', 'pending')
  .option('--limit <n>', 'rows to show', DEFAULT_PAGE_SIZE)
  .option('--since <date>', 'only orders created after this date')
  .action(async () => {});

orders
  .command('cancel <orderId>')
  .requiredOption('--reason <text>', 'why the order is cancelled')
  .option('--no-notify', 'do not email the customer')
  .action(async () => {});

orders
  .command('export')
  .addOption(new Option('--format <format>', 'file format').choices(['csv', 'jsonl']).default('csv').env('ORDERS_EXPORT_FORMAT'))
  .option('--out <file>', 'where to write', 'orders-export.csv')
  .action(async () => {
    const pool = createPool();
    await pool.end();
  });

// Retired in 2.0: `orders reindex` was replaced by the nightly job.
// program.command('reindex').option('--full', 'rebuild every index');

program.parseAsync(process.argv);
