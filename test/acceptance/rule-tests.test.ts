import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

describe('accolade test', () => {
  it('runs every case, one line each, and exits 0 when all pass', async () => {
    const { code, stdout } = await runCli(['test', 'commenter.test.yml'], fixture('rule-tests'));
    expect(code).toBe(0);
    expect(stdout).toBe([
      'PASS commenter.test.yml:4: the third comment earns it',
      'PASS commenter.test.yml:9: two comments are not enough',
      'PASS commenter.test.yml:14: a holder gets nothing again',
      '3 passed, 0 failed',
      '',
    ].join('\n'));
  });

  it('says what differs and exits 1 when a case fails', async () => {
    const { code, stdout } = await runCli(['test', '.'], fixture('rule-tests'));
    expect(code).toBe(1);
    expect(stdout).toContain('FAIL failing/wrong.test.yml:3: expects an award that does not come\n  expected, not awarded: commenter-iii -> ralph\n');
    expect(stdout).toContain("FAIL failing/wrong.test.yml:8: a message that is not one\n  problem: messages[0]: 'topic' must be a non-empty string\n");
    expect(stdout.endsWith('3 passed, 2 failed\n')).toBe(true);
  });

  it('exits 2 when there is nothing to run', async () => {
    const { code, stderr } = await runCli(['test', 'rules'], fixture('rule-tests'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/no test files found/);
  });
});
