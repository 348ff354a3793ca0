import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../main.js';
import type { CliIo } from './cli-io.js';
import { missingPackage, optionalPackages } from './optional-packages.js';

/**
 * @accolade/postgres and @accolade/amqp are optional peer dependencies of the
 * CLI. These tests run the command line with them absent (the loader made to
 * fail as Node's import does when a package is not installed).
 */
const dir = mkdtempSync(join(tmpdir(), 'accolade-optional-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => { vi.restoreAllMocks(); });

const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const rule = file('rule.yml', [
  'name: First Comment', 'description: d', 'creator: c', 'discussion: https://example.org/d', 'image_url: https://example.org/i.png',
  'trigger:', '  topic: bodhi.update.comment', '',
].join('\n'));
const messages = file('messages.jsonl', '');

/** The error Node's import gives for a package that is not installed. */
const notInstalled = (name: string): Error =>
  Object.assign(new Error(`Cannot find package '${name}' imported from /app/node_modules/@accolade/cli/dist/io/optional-packages.js`), { code: 'ERR_MODULE_NOT_FOUND' });

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, stderrIsTty: false };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('the CLI without its optional packages', () => {
  it('replay --store without @accolade/postgres: names the package to install, exit 2', async () => {
    vi.spyOn(optionalPackages, 'postgres').mockRejectedValue(notInstalled('@accolade/postgres'));
    for (const store of ['pglite:memory', 'postgres://nobody@127.0.0.1:1/none']) {
      const { code, stdout, stderr } = await run(['replay', '--rules', rule, '--store', store, messages]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe('accolade: --store needs the package @accolade/postgres, which is not installed; install it next to @accolade/cli (npm install @accolade/postgres)\n');
    }
  });

  it('names a driver that @accolade/postgres itself is missing', async () => {
    vi.spyOn(optionalPackages, 'postgres').mockRejectedValue(notInstalled('@electric-sql/pglite'));
    const { code, stderr } = await run(['test', '--store', 'pglite:memory', rule]);
    expect(code).toBe(2);
    expect(stderr).toContain('needs the package @electric-sql/pglite (needed by @accolade/postgres), which is not installed');
    expect(stderr).toContain('npm install @electric-sql/pglite');
  });

  it('serve without @accolade/amqp: names the package to install, exit 2', async () => {
    vi.spyOn(optionalPackages, 'amqp').mockRejectedValue(notInstalled('@accolade/amqp'));
    const { code, stderr } = await run(['serve', '--rules', rule, '--store', 'pglite:memory']);
    expect(code).toBe(2);
    expect(stderr).toBe('accolade: accolade serve needs the package @accolade/amqp, which is not installed; install it next to @accolade/cli (npm install @accolade/amqp)\n');
  });

  it('leaves other load failures alone (an internal error, exit 1)', async () => {
    vi.spyOn(optionalPackages, 'postgres').mockRejectedValue(new SyntaxError('Unexpected token'));
    const { code, stderr } = await run(['replay', '--rules', rule, '--store', 'pglite:memory', messages]);
    expect(code).toBe(1);
    expect(stderr).toContain('internal error: Unexpected token');
  });

  it('recognises the error Node really gives for a package that is not installed', () => {
    const out = execFileSync(process.execPath, [
      '--input-type=module', '-e',
      "try { await import('@accolade/no-such-package') } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })) }",
    ], { cwd: dir, encoding: 'utf8' });
    const { code, message } = JSON.parse(out) as { code: string; message: string };
    expect(missingPackage(Object.assign(new Error(message), { code }))).toBe('@accolade/no-such-package');
    expect(missingPackage(new Error(message))).toBeNull();
  });
});
