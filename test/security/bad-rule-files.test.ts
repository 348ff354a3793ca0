import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../acceptance/run-cli.js';

const META = 'name: Bad\ndescription: d\ncreator: c\ndiscussion: u\nimage_url: i\n';

/** Hostile rule files, made at test time so that no megabytes are checked in. */
const FILES: Record<string, string | Buffer> = {
  'empty.yml': '',
  'only-comments.yml': '# nothing here\n# at all\n',
  'two-documents.yml': `${META}trigger:\n  topic: a\n---\n${META}trigger:\n  topic: b\n`,
  'binary-junk.yml': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
  'nul-bytes.yml': `${META}trigger:\n  topic: a\u0000b\n`,
  'huge.yml': `${META}trigger:\n  topic: a\ndescription2: "${'x'.repeat(2_000_000)}"\n`,
  'deep-flow.yml': `${META}trigger: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
  'deep-block.yml': `${META}trigger:\n${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i + 1)}a${i}:`).join('\n')} x\n`,
  'billion-laughs.yml': [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`),
    `name: Laughs\ndescription: d\ncreator: c\ndiscussion: u\nimage_url: i\ntrigger:\n  topic: *i\n`,
  ].join('\n'),
  'wrong-types.yml': 'name: [1, 2]\ndescription: {a: 1}\ncreator: 3\ndiscussion: true\nimage_url: null\ntags: x\ntrigger: [topic]\nprevious: yes\ncondition: 5\nrecipient: []\nrecipient_nick2fas: "no"\n',
  'proto-keys.yml': `${META}trigger:\n  topic: a\n__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\n`,
  'tabs.yml': `${META}trigger:\n\ttopic: a\n`,
  'bom-and-crlf.yml': `\uFEFF${META.replace(/\n/g, '\r\n')}trigger:\r\n  topic: a\r\n`,
  // Each of 20,000 unknown keys is reported at its own line, in linear time.
  'many-keys.yml': `${META}trigger:\n  topic: a\n${Array.from({ length: 20_000 }, (_, i) => `x${i}: 1\n`).join('')}`,
  // A flat list of 150,000 items: too many nodes, said as such (no aliases involved), not a stack overflow.
  'many-items.yml': `${META}tags:\n${'  - a\n'.repeat(150_000)}trigger:\n  topic: a\n`,
  // Merge keys copy, unlike aliases: a hundred merges of a thousand keys each.
  'merge-bomb.yml': `a: &a {${Array.from({ length: 1000 }, (_, i) => `k${i}: 1`).join(', ')}}\n${Array.from({ length: 99 }, (_, j) => `b${j}: &b${j}\n  <<: [*a]\n`).join('')}${META}trigger:\n  topic: a\n`,
  'python-tag.yml': `${META}trigger: !!python/object/apply:os.system ["id"]\n`,
  'js-function.yml': `${META}trigger: !!js/function "function () { return process }"\n`,
};

describe('hostile rule files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'accolade-bad-rules-'));
  for (const [name, content] of Object.entries(FILES)) writeFileSync(join(dir, name), content);
  afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

  it('are each reported as file:line:column: message, never with a stack trace, and the good ones still load', async () => {
    const { code, stdout, stderr } = await runCli(['validate', '.'], dir);
    expect(code).toBe(1);
    const lines = stderr.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^[\w.-]+\.yml:\d+:\d+: \S/);
    expect(stderr).not.toMatch(/\n\s+at |internal error|RangeError|TypeError:/);
    const files = (name: string): string[] => lines.filter((l) => l.startsWith(`${name}:`));
    expect(files('empty.yml')).toEqual(['empty.yml:1:1: the file holds no rule']);
    expect(files('only-comments.yml')).toEqual(['only-comments.yml:1:1: the file holds no rule']);
    expect(files('two-documents.yml')).toEqual(['two-documents.yml:9:1: a rule file holds one YAML document; this one has 2']);
    expect(files('binary-junk.yml')).toEqual(['binary-junk.yml:1:1: this is not a text file (it contains NUL bytes)']);
    expect(files('nul-bytes.yml')).toEqual(['nul-bytes.yml:1:1: this is not a text file (it contains NUL bytes)']);
    expect(files('huge.yml')[0]).toMatch(/^huge\.yml:1:1: the file has \d+ characters; a rule file may have at most 1000000$/);
    expect(files('deep-flow.yml')[0]).toMatch(/^deep-flow\.yml:6:\d+: YAML syntax error: .*(depth|nest)/i);
    expect(files('deep-block.yml')[0]).toMatch(/^deep-block\.yml:\d+:\d+: YAML syntax error: .*(depth|nest)/i);
    expect(files('billion-laughs.yml')).toEqual(['billion-laughs.yml:2:8: YAML syntax error: aliases expand this document to more than 100000 nodes']);
    expect(files('wrong-types.yml')).toEqual([
      'wrong-types.yml:1:7: name: must be a string',
      'wrong-types.yml:2:14: description: must be a string',
      'wrong-types.yml:3:10: creator: must be a string',
      'wrong-types.yml:4:13: discussion: must be a string',
      'wrong-types.yml:5:12: image_url: must be a string',
      'wrong-types.yml:6:7: tags: must be a list',
      'wrong-types.yml:7:10: trigger: must be a mapping',
      'wrong-types.yml:8:11: previous: must be a mapping',
      'wrong-types.yml:9:12: condition: must be a mapping',
      'wrong-types.yml:10:12: recipient: must be a string, one expression (e.g. [message.body["agent"], message.body["user"]]); a list of %(...)s templates is the fedbadges 1.x form, for rules with criteria:',
      `wrong-types.yml:11:21: warning: recipient_nick2fas: 'no' is not true or false; it turns the conversion on, as fedbadges tests the value for truth (Python reads every non-empty string as true, also "no"). Write true`,
    ]);
    expect(files('proto-keys.yml')).toEqual([
      "proto-keys.yml:8:1: __proto__: unknown field '__proto__'; expected one of: name, description, creator, discussion, image_url, issuer_id, tags, trigger, previous, condition, recipient, recipient_nick2fas, recipient_email2fas, recipient_openid2fas, recipient_github2fas, recipient_distgit2fas, recipient_krb2fas, criteria",
      "proto-keys.yml:9:1: constructor: unknown field 'constructor'; expected one of: name, description, creator, discussion, image_url, issuer_id, tags, trigger, previous, condition, recipient, recipient_nick2fas, recipient_email2fas, recipient_openid2fas, recipient_github2fas, recipient_distgit2fas, recipient_krb2fas, criteria",
    ]);
    expect(files('tabs.yml')[0]).toMatch(/^tabs\.yml:7:\d+: YAML syntax error/);
    expect(files('bom-and-crlf.yml')).toEqual([]);
    const manyKeys = files('many-keys.yml');
    expect(manyKeys).toHaveLength(20_000);
    expect(manyKeys[19_999]).toMatch(/^many-keys\.yml:20007:1: x19999: unknown field 'x19999'/);
    expect(files('many-items.yml')).toEqual(['many-items.yml:1:1: YAML syntax error: this document has more than 100000 nodes']);
    expect(files('merge-bomb.yml')).toEqual(['merge-bomb.yml:21:3: YAML syntax error: merge keys exceeded maxTotalMergeKeys (10000)']);
    expect(files('python-tag.yml')).toEqual(['python-tag.yml:6:10: YAML syntax error: unknown sequence tag !<tag:yaml.org,2002:python/object/apply:os.system>']);
    expect(files('js-function.yml')).toEqual(['js-function.yml:6:10: YAML syntax error: unknown scalar tag !<tag:yaml.org,2002:js/function>']);
    expect(stdout).toMatch(/; 1 rule valid\n$/);
  });
});
