import { pyRepr } from '../expressions/python/repr.js';
import type { AwardStore } from '../stores/award-store.js';
import type { UserDirectory } from '../stores/user-directory.js';
import { FAILED, KEY_MISSING, type RuleContext } from './message-run.js';
import { isAddressLike, recipientNames } from './recipients.js';

export interface CandidateFilters {
  awards: AwardStore;
  /** Existence checks; undefined means everyone exists. */
  users: UserDirectory | undefined;
  /** Where the recipient converters look accounts up. */
  converters: UserDirectory;
  skip: ReadonlySet<string>;
  dropAddresses: boolean;
}

export interface Candidates {
  /** What the recipient expression produced, or null when it failed. */
  raw: unknown;
  failure?: string;
  kept: string[];
  dropped: Array<{ user: string; reason: string }>;
}

/**
 * Who would get the badge, in fedbadges' order: the recipient expression,
 * the converters, then drop the skip list, addresses, holders, users who
 * opted out and unknown accounts — all before any history is counted.
 */
export async function findCandidates(ctx: RuleContext, filters: CandidateFilters): Promise<Candidates> {
  const { rule, run } = ctx;
  const raw = ctx.evaluate(rule.recipient, [run.messageObject, run.msg(rule.recipient)]);
  if (raw === FAILED || raw === KEY_MISSING) {
    return {
      raw: null, kept: [], dropped: [],
      failure: raw === KEY_MISSING ? 'the recipient expression found a key missing: no candidates' : 'the recipient expression failed (see the log)',
    };
  }
  const { names, rejected } = recipientNames(raw);
  if (rejected.length > 0) ctx.reportValue(`recipient values that are not names were ignored: ${rejected.map((v) => pyRepr(v)).join(', ')}`, rule.recipient);
  const dropped: Candidates['dropped'] = [];
  let candidates = names;
  for (const kind of rule.converters) {
    const converted: string[] = [];
    for (const name of candidates) {
      const account = await filters.converters.resolve(kind, name);
      if (account === null) dropped.push({ user: name, reason: `no account for this ${kind}` });
      else converted.push(account);
    }
    candidates = [...new Set(converted)].sort();
  }
  const kept: string[] = [];
  for (const user of candidates) {
    const reason = await dropReason(user, rule.badgeId, filters);
    if (reason === null) kept.push(user);
    else dropped.push({ user, reason });
  }
  return { raw, kept, dropped };
}

async function dropReason(user: string, badgeId: string, f: CandidateFilters): Promise<string | null> {
  if (f.skip.has(user)) return 'in the skip list';
  if (f.dropAddresses && isAddressLike(user)) return 'an address, not an account';
  if (await f.awards.has(badgeId, user)) return 'already has the badge';
  if (await f.awards.isOptedOut(user)) return 'opted out of badges';
  if (f.users !== undefined && !(await f.users.exists(user))) return 'no such account';
  return null;
}
