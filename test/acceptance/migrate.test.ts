import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

/**
 * The fedbadges 1.x rules in the repository, each folder with the messages
 * (and history) they award on: the legacy replay scenario, and the migrate
 * fixtures, one rule per 1.x construct.
 */
const SETS = [fixture('replay', 'legacy'), fixture('migrate')];

/** The comment texts of a YAML file, one per `#` that starts a comment (none of these rules has a `#` in a string). */
const commentsOf = (text: string): string[] => [...text.matchAll(/(?:^|\s)#(.*)$/gm)].map((m) => m[1]!.trim()).sort();

const ADDED_COMMENT = 'fedbadges 1.x awarded every username of the message but its service accounts';

describe.each(SETS)('accolade migrate --write on the 1.x rules of %s', (set) => {
  let work: string;
  let written: { code: number; stdout: string; stderr: string };
  const files = readdirSync(join(set, 'rules')).filter((f) => f.endsWith('.yml')).sort();
  const replay = (rules: string) => runCli(['replay', '--rules', rules, '--history', join(set, 'history.jsonl'), '--format', 'json', join(set, 'messages.jsonl')]);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'accolade-migrate-'));
    cpSync(join(set, 'rules'), join(work, 'rules'), { recursive: true });
    written = await runCli(['migrate', '--write', 'rules'], work);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('rewrites every file and says so', () => {
    expect(written.code).toBe(0);
    expect(written.stdout).toBe(`${files.map((f) => `rules/${f}: migrated\n`).join('')}${files.length} migrated, 0 already 2.x, 0 invalid\n`);
  });

  it('gives rules that validate as 2.x rules', async () => {
    const { code, stdout, stderr } = await runCli(['validate', 'rules'], work);
    expect([code, stdout]).toEqual([0, `${files.length} rules valid\n`]);
    expect(stderr).not.toMatch(/criteria|1\.x/);
    for (const file of files) expect(readFileSync(join(work, 'rules', file), 'utf8')).not.toMatch(/^criteria:|%\(/m);
  });

  it('gives the same awards as the originals on the same messages, from every rule', async () => {
    const before = await replay(join(set, 'rules'));
    const after = await replay(join(work, 'rules'));
    expect([before.code, after.code]).toEqual([0, 0]);
    expect(after.stdout).toBe(before.stdout);
    const badges = new Set(before.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { badge_id: string }).badge_id));
    expect(badges.size).toBe(files.length);
  });

  it('keeps every comment, adding only the one over a default recipient it writes out', () => {
    for (const file of files) {
      const original = readFileSync(join(set, 'rules', file), 'utf8');
      const migrated = commentsOf(readFileSync(join(work, 'rules', file), 'utf8'));
      const added = /^recipient:/m.test(original) ? [] : [ADDED_COMMENT];
      expect(migrated, file).toEqual([...commentsOf(original), ...added].sort());
    }
  });

  it('prints the same text on stdout for one file, changing nothing', async () => {
    for (const file of files) {
      const path = join(set, 'rules', file);
      const original = readFileSync(path, 'utf8');
      const { code, stdout } = await runCli(['migrate', path]);
      expect(code).toBe(0);
      expect(stdout).toBe(readFileSync(join(work, 'rules', file), 'utf8'));
      expect(readFileSync(path, 'utf8')).toBe(original);
    }
  });

  it('--check exits 1 and names the files that would change; 0 once they are migrated', async () => {
    const before = await runCli(['migrate', '--check', join(set, 'rules')]);
    expect(before.code).toBe(1);
    expect(before.stdout).toBe(`${files.map((f) => `${join(set, 'rules', f)}: would be migrated\n`).join('')}${files.length} to migrate, 0 already 2.x, 0 invalid\n`);
    const after = await runCli(['migrate', '--check', 'rules'], work);
    expect([after.code, after.stdout]).toEqual([0, `0 to migrate, ${files.length} already 2.x, 0 invalid\n`]);
    expect(after.stderr).toBe(files.map((f) => `rules/${f}: already a fedbadges 2.x rule, left alone\n`).join(''));
  });
});

describe('accolade migrate', () => {
  const migrate = fixture('migrate');

  it('notes what deserves a look, as file:line:column: note:', async () => {
    const { code, stderr } = await runCli(['migrate', 'rules/power-of-two.yml'], migrate);
    expect(code).toBe(0);
    expect(stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^rules\/power-of-two\.yml:8:11: note: trigger\.lambda: this trigger lambda reads msg, the fedmsg 1\.x envelope/),
      expect.stringMatching(/^rules\/power-of-two\.yml:15:19: note: criteria\.datanommer\.filter\.users\[0\]\.lambda: this filter lambda reads msg/),
      expect.stringMatching(/^rules\/power-of-two\.yml:20:12: note: recipient: fedbadges 1\.x lower-cased every string/),
    ]);
  });

  it('leaves a 2.x rule alone: printed as it is, and not rewritten', async () => {
    const path = join(migrate, 'current', 'already-2x.yml');
    const original = readFileSync(path, 'utf8');
    const printed = await runCli(['migrate', 'current/already-2x.yml'], migrate);
    expect(printed).toEqual({ code: 0, stdout: original, stderr: 'current/already-2x.yml: already a fedbadges 2.x rule, left alone\n' });
    const check = await runCli(['migrate', '--check', 'current'], migrate);
    expect([check.code, check.stdout]).toEqual([0, '0 to migrate, 1 already 2.x, 0 invalid\n']);
  });

  describe('with a rule that does not load', () => {
    let work: string;
    beforeAll(() => {
      work = mkdtempSync(join(tmpdir(), 'accolade-migrate-'));
      cpSync(join(migrate, 'invalid'), join(work, 'rules'), { recursive: true });
      cpSync(join(migrate, 'rules', 'group-pruner.yml'), join(work, 'rules', 'group-pruner.yml'));
    });
    afterAll(() => rmSync(work, { recursive: true, force: true }));

    it('reports it as file:line:column: message and exits 1', async () => {
      const { code, stdout, stderr } = await runCli(['migrate', 'rules/sqlalchemy-operation.yml'], work);
      expect([code, stdout]).toEqual([1, '']);
      expect(stderr).toBe('rules/sqlalchemy-operation.yml:13:7: criteria.datanommer.operation: 1.x operations other than count ran on a SQLAlchemy query and cannot be translated; use the 2.x form: operation: {lambda: ... over results}\n');
    });

    it('with --write still migrates the others, and exits 1', async () => {
      const before = readFileSync(join(work, 'rules', 'sqlalchemy-operation.yml'), 'utf8');
      const { code, stdout } = await runCli(['migrate', '--write', 'rules'], work);
      expect(code).toBe(1);
      expect(stdout).toBe('rules/group-pruner.yml: migrated\n1 migrated, 0 already 2.x, 1 invalid\n');
      expect(readFileSync(join(work, 'rules', 'group-pruner.yml'), 'utf8')).toMatch(/^previous:/m);
      expect(readFileSync(join(work, 'rules', 'sqlalchemy-operation.yml'), 'utf8')).toBe(before);
    });
  });

  it('refuses a rule it cannot rewrite faithfully, naming the file, and exits 1', async () => {
    const { code, stdout, stderr } = await runCli(['migrate', 'unmigratable/anchor-across.yml'], migrate);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toMatch(/^unmigratable\/anchor-across\.yml: the migrated rule does not load as a 2\.x rule: \d+:\d+: YAML syntax error: unidentified alias "who"\n$/);
  });

  it('exits 2 for a path it cannot read, naming it', async () => {
    const { code, stderr } = await runCli(['migrate', 'nope.yml'], migrate);
    expect([code, stderr]).toEqual([2, "accolade: cannot read rules 'nope.yml': no such file or folder\n"]);
  });

  it('exits 2 when asked to print several files, and for --write with --check', async () => {
    const several = await runCli(['migrate', 'rules'], migrate);
    expect(several.code).toBe(2);
    expect(several.stderr).toMatch(/^accolade: migrate prints one rule file on stdout; these paths hold 6: give --write/);
    expect((await runCli(['migrate', '--write', '--check', 'rules'], migrate)).code).toBe(2);
  });

  it('is listed in accolade --help', async () => {
    const { stdout } = await runCli(['--help']);
    expect(stdout).toMatch(/^ {2}migrate \[options\] <paths\.\.\.> +rewrite fedbadges 1\.x rules/m);
  });
});
