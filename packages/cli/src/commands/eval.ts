import { readFile } from 'node:fs/promises';
import { ExpressionError, MessageError, compileExpression, messageBindings, parseMessage } from '@accolade/core';
import type { CliIo } from '../io/cli-io.js';
import { UsageError } from '../io/cli-io.js';
import { type PresetCliOptions, presetFromOptions } from '../io/preset.js';
import { MAX_JSON_OUTPUT, valueToJson } from '../io/to-json.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function parseVar(spec: string): [string, unknown] {
  const eq = spec.indexOf('=');
  const name = eq < 0 ? '' : spec.slice(0, eq);
  if (!NAME.test(name)) throw new UsageError(`--var takes name=<json>, got '${spec}'`);
  try {
    return [name, JSON.parse(spec.slice(eq + 1))];
  } catch (error) {
    throw new UsageError(`--var ${name}: not valid JSON (${(error as Error).message})`);
  }
}

export async function evalCommand(expression: string, options: { message?: string; var?: string[] } & PresetCliOptions, io: CliIo): Promise<number> {
  const { schemas } = await presetFromOptions(options, io);
  const bindings = new Map<string, unknown>();
  if (options.message !== undefined) {
    let text: string;
    try {
      text = await readFile(options.message, 'utf8');
    } catch {
      throw new UsageError(`cannot read message '${options.message}'`);
    }
    try {
      const { message, msg } = messageBindings(parseMessage(text, schemas ? { schemas } : {}));
      bindings.set('message', message);
      bindings.set('msg', msg);
    } catch (error) {
      if (!(error instanceof MessageError)) throw error;
      // A limit reached is an evaluation error (exit 1, as the contract has it); a file that is no message is bad input (exit 2).
      if (error.code === 'too-deep') {
        io.stderr(`limit reached: ${options.message}: ${error.message}\n`);
        return 1;
      }
      throw new UsageError(`${options.message}: ${error.message}`);
    }
  }
  for (const spec of options.var ?? []) {
    const [name, value] = parseVar(spec);
    bindings.set(name, value);
  }
  try {
    const compiled = compileExpression(expression, { globals: [...bindings.keys()] });
    const result = compiled.evaluate([...bindings.values()]);
    let json: string;
    try {
      json = valueToJson(result);
    } catch (error) {
      // Printing can still fail: the JSON is too long, or a generator runs out of steps as it is walked.
      if (!(error instanceof ExpressionError)) throw error;
      const tooLong = error.code === 'limit' && error.message.includes('output exceeds');
      io.stderr(tooLong ? `limit reached: the result is too large to print (more than ${MAX_JSON_OUTPUT} characters of JSON)\n` : `${error.describe().replace(/\n/g, ' ')}\n`);
      return 1;
    }
    io.stdout(`${json}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    const where = error.offset === undefined ? '' : ` (at column ${error.offset + 1})`;
    io.stderr(`${error.describe().replace(/\n/g, ' ')}${where}\n`);
    return 1;
  }
}
