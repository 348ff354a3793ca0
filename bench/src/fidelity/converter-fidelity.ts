import * as accolade from '@accolade/core';
import { dump, load } from 'js-yaml';
import { DEFAULT_STREAM, MessageSequence } from '../corpus/messages.js';
import { type GeneratedRule, BASE_RULE_COUNT, realisticRules } from '../corpus/rule-sets.js';
import { SKIP_USERS } from '../runners/users.js';

/**
 * The `recipient_*2fas` converters against fedbadges 2.1's, on the bench
 * corpus. Both sides run in the same engine over the same history and
 * stream, so counts, thresholds and holders are the same; only the
 * conversion differs:
 *
 * Each converter family is taken once, without its `previous` and
 * `condition`: every account the conversion gives is awarded the badge once
 * (the corpus' counts would otherwise hide most of the conversion: the
 * messages these families convert name no users, so their counts stay 0).
 *
 * - Accolade: the rule as written, with a directory that holds the same
 *   accounts FASJSON would and answers what FASJSON would be asked
 *   (`get_user` by name, a search by GitHub login; no account has an address
 *   outside fedoraproject.org, so an e-mail search finds no one).
 * - fedbadges: the converter turned off and the recipient rewritten into an
 *   expression that does what fedbadges 2.1's conversion does with those
 *   FASJSON answers, step by step (see `FEDBADGES_CONVERSION`).
 */

type Kind = (typeof accolade.RECIPIENT_CONVERTERS)[number];

/**
 * fedbadges 2.1's conversion of one value `v`, re-expressed over the answers
 * of the equivalent FASJSON (account `userN` exists, its GitHub login is
 * `userN`). Names that are no account are dropped afterwards by the
 * existence check, which both sides share.
 */
const FEDBADGES_CONVERSION: Record<Kind, (v: string) => string> = {
  // get_user(username=nick): the nick itself, when it is an account's name.
  nick: (v) => v,
  // An @fedoraproject.org address is get_user(its local part); any other is searched, and no account has one.
  email: (v) => `(lambda e: e[:-len('@fedoraproject.org')] if e.endswith('@fedoraproject.org') else None)(${v})`,
  openid: (v) => `(lambda x: (lambda m: m.group(1) if m else x)(re.search(r'^https?://([a-z][a-z0-9]+)\\.id\\.fedoraproject\\.org$', x)))(${v})`,
  // The login out of the API URL, searched by GitHub login (one account has it); no URL, no one.
  github: (v) => `(lambda m: m.group(1) if m else None)(re.search(r'^https?://api.github.com/users/([a-z][a-z0-9-]+)$', ${v}))`,
  distgit: (v) => `(lambda x: (lambda m: m.group(1) if m else x)(re.search(r'^https?://src\\.fedoraproject\\.org/user/([a-z][a-z0-9]+)$', x)))(${v})`,
  krb: (v) => `(lambda x: x.split('/')[0] if '/' in x else x)(${v})`,
};

interface ConverterRule {
  rule: GeneratedRule;
  family: string;
  kind: Kind;
}

function converterRules(): ConverterRule[] {
  const out = new Map<string, ConverterRule>();
  for (const rule of realisticRules(BASE_RULE_COUNT)) {
    const doc = load(rule.yaml) as Record<string, unknown>;
    const kind = accolade.RECIPIENT_CONVERTERS.find((k) => doc[`recipient_${k}2fas`] === true);
    const family = rule.file.split('/')[0]!;
    if (kind === undefined || out.has(family)) continue;
    delete doc['previous'];
    delete doc['condition'];
    out.set(family, { rule: { ...rule, yaml: dump(doc, { lineWidth: -1, noRefs: true }) }, family, kind });
  }
  return [...out.values()];
}

/** The same rule with fedbadges' conversion written into its recipient and the converter off. */
function asFedbadges({ rule, kind }: ConverterRule): string {
  const doc = load(rule.yaml) as Record<string, unknown>;
  const recipient = typeof doc['recipient'] === 'string' ? doc['recipient'] : 'message.agent_name';
  delete doc[`recipient_${kind}2fas`];
  doc['recipient'] = FEDBADGES_CONVERSION[kind](recipient);
  return dump(doc, { lineWidth: -1, noRefs: true });
}

/** What the equivalent FASJSON answers, as a directory: accounts `user0`..; GitHub logins theirs; no e-mail outside fedoraproject.org. */
function equivalentDirectory(people: number): accolade.UserDirectory {
  const accounts = Array.from({ length: people }, (_, i) => `user${i}`);
  const identity = Object.fromEntries(accounts.map((a) => [a, a]));
  return new accolade.MemoryUserDirectory({ users: accounts, aliases: { nick: identity, github: identity, email: {} } });
}

export interface FamilyFigures {
  family: string;
  converter: Kind;
  fedbadges: number;
  accolade: number;
  /** fedbadges awards them, Accolade does not. */
  missing: number;
  /** Accolade awards them, fedbadges does not. */
  extra: number;
}

export interface ConverterComparison {
  history: number;
  stream: number;
  families: FamilyFigures[];
  total: Omit<FamilyFigures, 'family' | 'converter'>;
}

async function awards(sources: Array<{ yaml: string; file: string }>, history: accolade.Message[], stream: accolade.Message[], users: accolade.UserDirectory): Promise<string[]> {
  const rules = sources.map(({ yaml, file }) => {
    const { rule, issues } = accolade.loadRuleSource(yaml, file);
    if (rule === null) throw new Error(`${file} does not load: ${issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`).join('; ')}`);
    return rule;
  });
  const engine = accolade.createEngine({
    rules, history: new accolade.MemoryHistoryStore(history), awards: new accolade.MemoryAwardStore(), users, options: { skipUsers: SKIP_USERS },
  });
  await engine.ready();
  const out: string[] = [];
  for (const m of stream) for (const a of await engine.process(m)) out.push(`${a.badgeId} ${a.user}`);
  return out;
}

/** Awards of the converter families, fedbadges' conversion against Accolade's, family by family. */
export async function compareConverters(options: { history?: number; stream?: number } = {}): Promise<ConverterComparison> {
  const history = options.history ?? 100_000;
  const stream = options.stream ?? 20_000;
  const sequence = new MessageSequence(DEFAULT_STREAM);
  const before = sequence.range(0, history);
  const after = sequence.range(history, history + stream);
  const users = equivalentDirectory(DEFAULT_STREAM.people);
  const rules = converterRules();
  const ours = new Set(await awards(rules.map(({ rule }) => rule), before, after, users));
  const theirs = new Set(await awards(rules.map((r) => ({ yaml: asFedbadges(r), file: r.rule.file })), before, after, users));
  const families = new Map<string, FamilyFigures>();
  for (const { rule, family, kind } of rules) {
    const f = families.get(family) ?? { family, converter: kind, fedbadges: 0, accolade: 0, missing: 0, extra: 0 };
    families.set(family, f);
    const mine = (set: Set<string>): string[] => [...set].filter((a) => a.startsWith(`${rule.badgeId} `));
    const a = mine(ours);
    const b = mine(theirs);
    f.accolade += a.length;
    f.fedbadges += b.length;
    f.missing += b.filter((x) => !ours.has(x)).length;
    f.extra += a.filter((x) => !theirs.has(x)).length;
  }
  const list = [...families.values()];
  const sum = (k: 'fedbadges' | 'accolade' | 'missing' | 'extra'): number => list.reduce((n, f) => n + f[k], 0);
  return { history, stream, families: list, total: { fedbadges: sum('fedbadges'), accolade: sum('accolade'), missing: sum('missing'), extra: sum('extra') } };
}

/** The comparison as a Markdown table. */
export function converterTable(c: ConverterComparison): string {
  const row = (name: string, conv: string, f: Omit<FamilyFigures, 'family' | 'converter'>): string =>
    `| ${name} | ${conv} | ${f.fedbadges} | ${f.accolade} | ${f.missing} | ${f.extra} |`;
  return [
    `Converter families, history ${c.history}, stream ${c.stream}: awards with fedbadges 2.1's conversion and with Accolade's`,
    '',
    '| family | converter | fedbadges | Accolade | missing | extra |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...c.families.map((f) => row(f.family, f.converter, f)),
    row('total', '', c.total),
  ].join('\n');
}
