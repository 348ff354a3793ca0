import { pyRepr } from '../expressions/python/repr.js';
import type { AwardStore } from '../stores/award-store.js';
import { type MaybePromise, andThen } from '../stores/maybe-promise.js';
import type { UserDirectory } from '../stores/user-directory.js';
import { FAILED, KEY_MISSING, type MessageRun, type RuleContext } from './message-run.js';
import { convertLocally, isAddressLike, recipientNames } from './recipients.js';

export interface CandidateFilters {
  awards: AwardStore;
  /** Existence checks; undefined means everyone exists. */
  users: UserDirectory | undefined;
  /** Where the recipient converters look accounts up. */
  converters: UserDirectory;
  skip: ReadonlySet<string>;
  dropAddresses: boolean;
}

export interface Recipients {
  /** What the recipient expression produced, or null when it failed. */
  raw: unknown;
  failure?: string;
  /** The names after the converters, sorted. */
  names: string[];
  /** Names the converters found no account for. */
  dropped: Array<{ user: string; reason: string }>;
}

/** Who the rule names: the recipient expression, then the converters. The same for every rule of a group. */
export async function findRecipients(ctx: RuleContext, converters: UserDirectory): Promise<Recipients> {
  const { rule, run } = ctx;
  const raw = ctx.evaluate(rule.recipient, [run.messageObject, run.msg(rule.recipient)]);
  if (raw === FAILED || raw === KEY_MISSING) {
    return {
      raw: null, names: [], dropped: [],
      failure: raw === KEY_MISSING ? 'the recipient expression found a key missing: no candidates' : 'the recipient expression failed (see the log)',
    };
  }
  const { names, rejected } = recipientNames(raw);
  if (rejected.length > 0) ctx.reportValue(`recipient values that are not names were ignored: ${rejected.map((v) => pyRepr(v)).join(', ')}`, rule.recipient);
  const dropped: Recipients['dropped'] = [];
  let candidates = names;
  for (const kind of rule.converters) {
    const converted: string[] = [];
    for (const name of candidates) {
      // As fedbadges: what its code works out from the value first, the directory only for the rest.
      const local = convertLocally(kind, name);
      const account = 'account' in local ? local.account : 'ask' in local ? await converters.resolve(kind, local.ask) : null;
      if (account === null || account === '') dropped.push({ user: name, reason: 'none' in local ? local.none : `no account for this ${kind}` });
      else converted.push(account);
    }
    candidates = [...new Set(converted)].sort();
  }
  return { raw, names: candidates, dropped };
}

/**
 * Why a name gets nothing from this badge, in fedbadges' order — skip list,
 * addresses, holders, users who opted out, unknown accounts — or null. All of
 * it comes before any history is counted. Opt-outs and accounts are asked
 * once per message, however many rules ask; with synchronous stores nothing
 * here waits.
 */
export function dropReason(user: string, badgeId: string, f: CandidateFilters, run: MessageRun): MaybePromise<string | null> {
  if (f.skip.has(user)) return 'in the skip list';
  if (f.dropAddresses && isAddressLike(user)) return 'an address, not an account';
  return andThen(f.awards.has(badgeId, user), (held) => {
    if (held) return 'already has the badge';
    return andThen(run.userFact('opted-out', user, () => f.awards.isOptedOut(user)), (optedOut) => {
      if (optedOut) return 'opted out of badges';
      const users = f.users;
      if (users === undefined) return null;
      return andThen(run.userFact('exists', user, () => users.exists(user)), (exists) => (exists ? null : 'no such account'));
    });
  });
}
