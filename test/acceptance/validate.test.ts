import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

describe('accolade validate', () => {
  it('reports every problem in every file as file:line:column: path: message, and exits 1', async () => {
    const { code, stdout, stderr } = await runCli(['validate', '.'], fixture('invalid'));
    expect(code).toBe(1);
    expect(stderr).toBe(readFileSync(fixture('invalid', 'expected-errors.txt'), 'utf8'));
    expect(stdout).toBe('16 problems in 12 files; 1 rule valid\n');
  });

  it('exits 0 and says so when every rule is valid', async () => {
    const { code, stdout, stderr } = await runCli(['validate', fixture('replay', 'triggers', 'rules'), fixture('replay', 'filters', 'rules', 'f01-users.yml')]);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toBe('13 rules valid\n');
  });

  it('prints warnings for 1.x rules but accepts them', async () => {
    const { code, stderr } = await runCli(['validate', 'rules'], fixture('replay', 'legacy'));
    expect(code).toBe(0);
    expect(stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^rules\/git-pusher\.yml:12:1: warning: criteria: fedbadges 1\.x rule/),
      expect.stringMatching(/^rules\/updater\.yml:8:1: warning: criteria: fedbadges 1\.x rule/),
    ]);
  });

  it('writes machine-readable issues with --format json', async () => {
    const { code, stdout } = await runCli(['validate', 'bad-trigger.yml', '--format', 'json'], fixture('invalid'));
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ code: 'schema', severity: 'error', file: 'bad-trigger.yml', line: 7, column: 3, path: 'trigger' });
  });

  it('prints the JSON Schema that @accolade/core exports for editors', async () => {
    const { code, stdout } = await runCli(['schema']);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { required: string[]; properties: Record<string, unknown> };
    expect(printed).toEqual(createRequire(import.meta.url)('@accolade/core/rule.schema.json'));
    expect(printed.required).toEqual(['name', 'description', 'creator', 'discussion', 'image_url', 'trigger']);
    expect(Object.keys(printed.properties)).toEqual(expect.arrayContaining(['previous', 'condition', 'recipient', 'recipient_krb2fas', 'issuer_id', 'tags']));
  });

  it('reports a path that does not exist', async () => {
    const { code, stderr } = await runCli(['validate', 'nope.yml'], fixture('invalid'));
    expect(code).toBe(1);
    expect(stderr).toBe('nope.yml:1:1: no such file or folder\n');
  });
});
