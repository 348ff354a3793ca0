import { type Command, Option } from 'commander';
import type { CliIo } from '../io/cli-io.js';
import { loadOptional } from '../io/optional-packages.js';
import { addPresetOptions } from '../io/preset.js';
import type { ServeFlags } from './serve-settings.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `accolade serve`; the service's code (and the AMQP client) load only when it runs. */
export function addServeCommand(program: Command, io: CliIo, setCode: (code: number) => void): void {
  addPresetOptions(program.command('serve'))
    .description('run the badge awarder on RabbitMQ: consume, record, evaluate, award, announce, ack (until SIGTERM)')
    .option('--rules <path>', 'rule file or folder (repeatable, required)', collect, [])
    .option('--store <url>', 'postgres://... or pglite:<dir> (required; default $ACCOLADE_STORE)')
    .option('--amqp <url>', 'the broker (default $ACCOLADE_AMQP_URL, else amqp://guest:guest@127.0.0.1:5672/%2F)')
    .option('--queue <name>', 'durable queue to consume; processes on one queue share the work (default accolade)')
    .option('--exchange <name>', 'topic exchange to bind to and announce on (default amq.topic)')
    .option('--bind <key>', 'routing key bound to the queue (repeatable; default #)', collect, [])
    .option('--topic-prefix <prefix>', 'announce awards on <prefix>.fedbadges.badge.award')
    .option('--prefetch <n>', 'unacked messages held at once (default 10)')
    .option('--metrics <host:port>', 'serve GET /metrics (Prometheus) and GET /healthz')
    .option('--config <file.toml>', 'the same settings from a TOML file (snake_case keys); flags and the environment win over it')
    .addOption(new Option('--history <mode>', 'insert: record each message (default); external: wait for datanommer to record it').choices(['insert', 'external']))
    .option('--history-wait <seconds>', 'with --history external: how long to wait for a message to appear (default 30)')
    .option('--running-counts', 'keep running counts in the database (Accolade\'s own tables) for the rules\' count shapes: faster counts on a large history, at a start-up cost to build them')
    .addOption(new Option('--log-level <level>', 'JSON log lines on stderr from this level (default info)').choices(['debug', 'info', 'warn', 'error']))
    .option('--watch', 'reload the rules when their files change (the default)')
    .option('--no-watch', 'do not reload the rules when their files change (SIGHUP still does)')
    .action(async (opts: ServeFlags) => {
      // Optional peer dependencies of the CLI: say which to install before anything starts.
      await loadOptional('amqp', 'accolade serve');
      await loadOptional('postgres', 'accolade serve');
      const { serve } = await import('./serve-command.js');
      setCode(await serve(opts, io));
    });
}
