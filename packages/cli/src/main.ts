import { createRequire } from 'node:module';
import { ruleJsonSchema } from '@accolade/core';
import { FasjsonError } from '@accolade/fedora';
import { Command, CommanderError, Option } from 'commander';
import { evalCommand } from './commands/eval.js';
import { explain } from './commands/explain.js';
import { type MigrateOptions, migrateCommand } from './commands/migrate.js';
import { replayCommand } from './commands/replay-command.js';
import { TEST_FORMATS } from './commands/test-formats.js';
import type { TestOptions } from './commands/test.js';
import { validate } from './commands/validate.js';
import { type CliIo, UsageError, processIo } from './io/cli-io.js';
import { InvalidRules } from './io/rule-set.js';
import { addPresetOptions } from './io/preset.js';
import { TEST_FILE_HELP } from './rule-tests/test-file-help.js';
import { addServeCommand } from './serve/serve-cli.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
const collect = (value: string, previous: string[]): string[] => [...previous, value];

function buildProgram(io: CliIo, setCode: (code: number) => void): Command {
  const program = new Command('accolade')
    .description('Award badges for activity on a message bus: fedbadges rules, checked, replayed and explained.')
    .version(version)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run accolade --help for usage)');

  program.command('validate')
    .description('check rule files; print every problem as file:line:column: message')
    .argument('<paths...>', 'rule files or folders (searched for *.yml and *.yaml)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (paths: string[], opts: { format: 'text' | 'json' }) => setCode(await validate(paths, opts, io)));

  addPresetOptions(program.command('replay'))
    .description('run the rules over a stream of messages (in-memory stores unless --store) and print the awards')
    .argument('[messages]', "messages, one JSON object per line (.jsonl); '-' reads standard input; none with --since")
    .option('--rules <path>', 'rule file or folder (repeatable, required)', collect, [])
    .option('--history <file>', "messages loaded into the history first, never evaluated (.jsonl; '-' for standard input)")
    .option('--awards <file>', 'awards that already exist: lines of {"badge_id": ..., "user": ...} (\'-\' for standard input)')
    .option('--users <file>', 'known accounts, one per line; other names get nothing')
    .option('--skip-users <names>', 'comma-separated names that never receive badges')
    .option('--opted-out <names>', 'comma-separated names that opted out of badges')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--verbose', 'also report missing keys in expressions')
    .option('--no-progress', 'no progress on stderr (by default: a line redrawn on a terminal, elsewhere a line every 5 s of a long run)')
    .option('--store <url>', 'keep history and awards in PostgreSQL (postgres://...) or embedded PGlite (pglite:<dir>) instead of memory')
    .option('--since <time>', "backfill: with --store and no messages file, run the rules over the store's history from this time (ISO 8601 or epoch seconds), oldest first")
    .option('--until <time>', 'backfill: up to this time (inclusive; default: the newest stored message)')
    .option('--checkpoint <file>', 'backfill: where it stands, written as it goes; an interrupted backfill given the same file resumes')
    .action(async (messages: string | undefined, opts) => setCode(await replayCommand(messages, opts, io)));

  addPresetOptions(program.command('eval'))
    .description('evaluate one rule expression and print the result as JSON')
    .argument('<expression>', 'a Python expression, as rules write them')
    .option('--message <file>', 'a message (JSON) bound as message, and as msg in the fedmsg 1.x shape')
    .option('--var <name=json>', 'bind a name to a JSON value (repeatable)', collect, [])
    .action(async (expression: string, opts) => setCode(await evalCommand(expression, opts, io)));

  addPresetOptions(program.command('explain'))
    .description('show, step by step, why each triggered rule did or did not award for one message')
    .argument('<message>', 'the message (JSON)')
    .option('--rules <path>', 'rule file or folder (repeatable, required)', collect, [])
    .option('--history <file>', 'earlier messages (.jsonl)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--store <url>', 'keep history and awards in PostgreSQL (postgres://...) or embedded PGlite (pglite:<dir>) instead of memory')
    .action(async (message: string, opts) => setCode(await explain(message, opts, io)));

  addPresetOptions(program.command('test'))
    .description('run rule test files (*.test.yml): messages in, expected awards out')
    .argument('<paths...>', 'test files, or folders searched for *.test.yml and *.test.yaml')
    .option('--store <url>', 'run every case in a fresh schema of this database (postgres://... or pglite:<dir>) instead of memory')
    .addOption(new Option('--format <format>', 'output: text (a line per case), json (JSON lines), junit (JUnit XML for CI test reports)').choices(TEST_FORMATS).default('text'))
    .addHelpText('after', TEST_FILE_HELP)
    .action(async (paths: string[], opts: TestOptions) => {
      // Loaded when used: the test file schema it compiles at load costs every other command's start-up.
      const { testCommand } = await import('./commands/test.js');
      setCode(await testCommand(paths, io, opts));
    });

  program.command('migrate')
    .description('rewrite fedbadges 1.x rules (criteria:) as 2.x rules, comments kept; one file is printed on stdout')
    .argument('<paths...>', 'rule files or folders (searched for *.yml and *.yaml)')
    .option('--write', 'rewrite the 1.x files in place')
    .option('--check', 'change nothing; exit 1 if some file would be migrated')
    .action(async (paths: string[], opts: MigrateOptions) => setCode(await migrateCommand(paths, opts, io)));

  addServeCommand(program, io, setCode);

  program.command('schema')
    .description('print the JSON Schema of a rule file (for editors)')
    .option('--test-file', 'print the JSON Schema of a rule test file (*.test.yml) instead')
    .action(async (opts: { testFile?: boolean }) => {
      const schema = opts.testFile ? (await import('./rule-tests/test-file-schema.js')).testFileJsonSchema : ruleJsonSchema;
      io.stdout(`${JSON.stringify(schema, null, 2)}\n`);
    });

  return program;
}

/**
 * `accolade eval '-n * 2'`: an expression may start with a minus, which the
 * option parser would take for an unknown option. The first argument of
 * `eval` that is neither one of its options nor an option's value is the
 * expression, whatever it starts with, so it is moved behind `--`.
 */
function protectEvalExpression(argv: readonly string[]): string[] {
  if (argv[0] !== 'eval' || argv.includes('--')) return [...argv];
  const rest = argv.slice(1);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (['--message', '--var', '--preset', '--fasjson', '--fedbadges-config'].includes(arg)) { i++; continue; }
    if (arg.startsWith('--') || arg === '-h') continue;
    if (!arg.startsWith('-') || arg === '-') return [...argv];
    return ['eval', ...rest.slice(0, i), ...rest.slice(i + 1), '--', arg];
  }
  return [...argv];
}

/** Run the command line; resolves to the exit code. Only this layer prints and picks exit codes. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => { code = c; });
  try {
    await program.parseAsync(protectEvalExpression(argv), { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      io.stderr(`accolade: ${error.message}\n`);
      return 2;
    }
    if (error instanceof InvalidRules) return 1;
    if (error instanceof FasjsonError) {
      // An account lookup that failed: the run stops rather than award nobody (or the wrong person) in silence.
      io.stderr(`accolade: account lookup failed, stopping: ${error.message}\n`);
      return 1;
    }
    io.stderr(`accolade: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
