import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

describe('accolade eval', () => {
  it.each([
    [['1 + 1'], '2'],
    [['[x * 2 for x in range(3)]'], '[0, 2, 4]'],
    [['json.dumps({"a": "é"})'], '"{\\"a\\": \\"\\\\u00e9\\"}"'],
    [['{"b": (1, 2), "s": {3}}'], '{"b": [1, 2], "s": [3]}'],
    [['n * 2', '--var', 'n=21'], '42'],
    [['d["k"]["v"]', '--var', 'd={"k": {"v": null}}'], 'null'],
    [['message.body["comment"]["user"]["name"], message.topic, message.category', '--message', fixture('message.json')], '["ralph", "org.fedoraproject.prod.bodhi.update.comment", "bodhi"]'],
    [['msg["msg"]["comment"]["user"]["name"] + msg["topic"][-7:]', '--message', fixture('message.json')], '"ralphcomment"'],
    [['message.timestamp.isoformat()', '--message', fixture('message.json')], '"2024-05-01T12:00:00+00:00"'],
    [['-7 // 2'], '-4'],
    [['--var', 'n=3', '-n * 2'], '-6'],
    [['-n', '--var', 'n=3'], '-3'],
  ])('%j prints %s', async (args, expected) => {
    const { code, stdout, stderr } = await runCli(['eval', ...args]);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toBe(`${expected}\n`);
  });

  it.each([
    [['{}["missing"]'], "KeyError: 'missing' (at column 4)"],
    [['1 +'], 'SyntaxError: Expected a value but the expression ended (at column 4)'],
    [['__import__("os")'], "'__import__' is not available in rule expressions (at column 1)"],
    [['"a" * 10**9'], 'limit reached: a string of 1000000000 characters exceeds the limit of 1000000 (at column 5)'],
    [['message.topic'], "NameError: name 'message' is not defined (at column 1)"],
    [['message.body.x', '--message', fixture('message.json')], "AttributeError: 'dict' object has no attribute 'x' (at column 14)"],
    [['message.body["comment"]["text"] + 1', '--message', fixture('message.json')], 'TypeError: can only concatenate str (not "int") to str (at column 33)'],
  ])('%j fails with one line on stderr and exit 1', async (args, line) => {
    const { code, stdout, stderr } = await runCli(['eval', ...args]);
    expect([code, stdout]).toEqual([1, '']);
    expect(stderr).toBe(`${line}\n`);
  });

  it('exits 2 for an option it does not know', async () => {
    const { code, stderr } = await runCli(['eval', '--bogus', '1']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown option '--bogus'/);
  });

  it('exits 1 with one line when the message file nests deeper than the limit, 2 when it is no message or a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accolade-eval-'));
    try {
      writeFileSync(join(dir, 'deep.json'), `{"topic": "a", "body": ${'['.repeat(500)}${']'.repeat(500)}}`);
      writeFileSync(join(dir, 'broken.json'), '{"topic": ');
      const deep = await runCli(['eval', 'message.topic', '--message', join(dir, 'deep.json')]);
      expect([deep.code, deep.stdout]).toEqual([1, '']);
      expect(deep.stderr).toBe(`limit reached: ${join(dir, 'deep.json')}: 'body' nests more than 100 levels of lists and objects\n`);
      const broken = await runCli(['eval', 'message.topic', '--message', join(dir, 'broken.json')]);
      expect(broken.code).toBe(2);
      expect(broken.stderr).toMatch(/broken\.json: not valid JSON/);
      const folder = await runCli(['eval', 'message.topic', '--message', dir]);
      expect(folder.code).toBe(2);
      expect(folder.stderr).toMatch(/cannot read message/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 for a --var that is not name=json', async () => {
    const { code, stderr } = await runCli(['eval', 'x', '--var', 'x=nope']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--var x: not valid JSON/);
  });
});

describe('accolade explain', () => {
  it('shows each triggered rule, its candidates, query, count and condition', async () => {
    const dir = fixture('replay', 'filters');
    const { code, stdout } = await runCli(['explain', '--rules', 'rules', '--history', 'history.jsonl', fixture('explain-message.json')], dir);
    expect(code).toBe(0);
    expect(stdout).toBe(`message x1 on org.fedoraproject.prod.check.users: 1 of 1 candidate rules triggered

filter-users (rules/f01-users.yml)
  recipients: "ralph"
  ralph:
    query: {"users":["ralph"]}
    value: 4
    condition: equal to 4 -> true
    AWARDED
`);
  });

  it('refuses a gzip --history file (exit 2, naming it) and warns of one that is one JSON document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accolade-explain-history-'));
    try {
      const rules = fixture('replay', 'filters', 'rules');
      writeFileSync(join(dir, 'history.jsonl.gz'), gzipSync('{"topic": "a"}\n'));
      writeFileSync(join(dir, 'history.json'), '[\n  {"topic": "a"}\n]\n');
      const gz = await runCli(['explain', '--rules', rules, '--history', join(dir, 'history.jsonl.gz'), fixture('explain-message.json')]);
      expect([gz.code, gz.stdout]).toEqual([2, '']);
      expect(gz.stderr).toContain(`history '${join(dir, 'history.jsonl.gz')}' is gzip-compressed, not JSON Lines; decompress it first, e.g. gunzip -c`);
      expect(gz.stderr).toContain('| accolade explain ... --history -');
      const doc = await runCli(['explain', '--rules', rules, '--history', join(dir, 'history.json'), fixture('explain-message.json')]);
      expect([doc.code, doc.stderr.split('\n')[0]]).toEqual([0, `accolade: warning: history '${join(dir, 'history.json')}' is one JSON document (an array), not JSON Lines; put one message per line, e.g. jq -c '.[]' ${join(dir, 'history.json')}; each line that is no message is reported and skipped`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
