import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/** What `serve` refuses before it touches a broker or a store (no server needed). */
const dir = mkdtempSync(join(tmpdir(), 'accolade-serve-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('accolade serve at start', () => {
  it('exits 1 on invalid rules, with a JSON log line naming file:line:column', async () => {
    const rule = join(dir, 'broken.yml');
    writeFileSync(rule, 'name: Broken\ndescription: d\ncreator: c\ndiscussion: https://x\nimage_url: https://x/i.png\ntrigger: {topic: a}\ncondition: {greater than: "three"}\n');
    const run = await runCli(['serve', '--rules', rule, '--store', `pglite:${join(dir, 'db')}`]);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l['event'] === 'rule-issue')).toMatchObject({ level: 'error', at: expect.stringMatching(/broken\.yml:7:\d+$/) });
    expect(lines.at(-1)).toMatchObject({ event: 'invalid-rules' });
  });

  it('exits 2 without a store, with unreadable rules, and with a config file that is wrong', async () => {
    expect((await runCli(['serve', '--rules', dir])).code).toBe(2);
    const missing = await runCli(['serve', '--rules', join(dir, 'nope'), '--store', 'pglite:x']);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining("cannot read rules") });
    const config = join(dir, 'serve.toml');
    writeFileSync(config, 'rules = "."\nstore = "pglite:x"\nprefetch = -1\n');
    const bad = await runCli(['serve', '--config', config]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('serve.toml: prefetch: must be between 1 and 65535, got -1');
  });
});
