import { parseArgs } from 'node:util';
import { compareConverters, converterTable } from './converter-fidelity.js';

const USAGE = 'node bench/dist/fidelity/main.js [--history N] [--stream N]   (after pnpm build)';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { history: { type: 'string', default: '100000' }, stream: { type: 'string', default: '20000' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) { process.stdout.write(`${USAGE}\n`); return; }
  const history = Number(values.history);
  const stream = Number(values.stream);
  if (!Number.isInteger(history) || !Number.isInteger(stream) || history < 0 || stream < 1) throw new Error(`sizes must be whole numbers\n${USAGE}`);
  process.stdout.write(`${converterTable(await compareConverters({ history, stream }))}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
