import { readFile } from 'node:fs/promises';
import { ExpressionError, MessageError, compileExpression, messageBindings, parseMessage } from '@accolade/core';
import type { CliIo } from '../io/cli-io.js';
import { UsageError } from '../io/cli-io.js';
import { valueToJson } from '../io/to-json.js';

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

export async function evalCommand(expression: string, options: { message?: string; var?: string[] }, io: CliIo): Promise<number> {
  const bindings = new Map<string, unknown>();
  if (options.message !== undefined) {
    let text: string;
    try {
      text = await readFile(options.message, 'utf8');
    } catch {
      throw new UsageError(`cannot read message '${options.message}'`);
    }
    try {
      const { message, msg } = messageBindings(parseMessage(text));
      bindings.set('message', message);
      bindings.set('msg', msg);
    } catch (error) {
      if (error instanceof MessageError) throw new UsageError(`${options.message}: ${error.message}`);
      throw error;
    }
  }
  for (const spec of options.var ?? []) {
    const [name, value] = parseVar(spec);
    bindings.set(name, value);
  }
  try {
    const compiled = compileExpression(expression, { globals: [...bindings.keys()] });
    const result = compiled.evaluate([...bindings.values()]);
    io.stdout(`${valueToJson(result)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    const where = error.offset === undefined ? '' : ` (at column ${error.offset + 1})`;
    io.stderr(`${error.describe().replace(/\n/g, ' ')}${where}\n`);
    return 1;
  }
}
