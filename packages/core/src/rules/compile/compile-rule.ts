import { badgeIdFromName } from '../badge-id.js';
import type { CompiledCondition, CompiledRule } from '../compiled-rule.js';
import { SITE_GLOBALS } from '../compiled-rule.js';
import { CONDITION_PHRASES, type ConditionPhrase, type RuleDefinition } from '../rule-definition.js';
import { compilePrevious } from './compile-previous.js';
import { converterFlags } from './converter-flags.js';
import { compileTrigger } from './compile-trigger.js';
import type { SiteCompiler } from './expression-sites.js';

/** The README's default: a rule with no condition awards on the first matching message. */
const DEFAULT_CONDITION: CompiledCondition = {
  kind: 'phrase', phrase: 'greater than or equal to', threshold: 1, test: (v) => v >= 1,
};

function compileCondition(def: RuleDefinition, sites: SiteCompiler): CompiledCondition | null {
  const spec = def.condition;
  if (spec === undefined) return DEFAULT_CONDITION;
  if ('lambda' in spec && typeof spec.lambda === 'string') {
    const site = sites.compile(spec.lambda, ['condition', 'lambda'], SITE_GLOBALS.condition);
    return site === null ? null : { kind: 'lambda', site };
  }
  const [phrase, threshold] = Object.entries(spec)[0] as [ConditionPhrase, number];
  const compare = CONDITION_PHRASES[phrase];
  return { kind: 'phrase', phrase, threshold, test: (v) => compare(v, threshold) };
}

/** A list recipient in a 2.x rule: fedbadges 2.x compiles `recipient` as one expression. */
export function listRecipient(sites: SiteCompiler): null {
  sites.issue({
    code: 'schema', severity: 'error',
    message: 'must be a string, one expression (e.g. [message.body["agent"], message.body["user"]]); a list of %(...)s templates is the fedbadges 1.x form, for rules with criteria:',
  }, ['recipient']);
  return null;
}

/**
 * Turn a shape-checked definition into a runnable rule. Every expression is
 * compiled now; problems land in `sites.issues` and the rule is then null.
 * `recipientSource` overrides the recipient expression (1.x translation).
 */
export function compileRule(def: RuleDefinition, file: string, sites: SiteCompiler, options: { legacy?: boolean; recipientSource?: string } = {}): CompiledRule | null {
  const trigger = compileTrigger(def.trigger, ['trigger'], sites);
  const recipient = Array.isArray(def.recipient) && options.recipientSource === undefined
    ? listRecipient(sites)
    : sites.compile(options.recipientSource ?? (typeof def.recipient === 'string' ? def.recipient : 'message.agent_name'), ['recipient'], SITE_GLOBALS.recipient, options.recipientSource);
  const previous = def.previous === undefined ? null : compilePrevious(def.previous, sites);
  const condition = compileCondition(def, sites);
  if (trigger === null || recipient === null || (def.previous !== undefined && previous === null) || condition === null) return null;
  // Warnings about flags that are not booleans are the loader's (they apply to rules that do not compile too).
  const { converters } = converterFlags(def as unknown as Record<string, unknown>);
  const badgeId = badgeIdFromName(def.name);
  return Object.freeze({
    badgeId,
    name: def.name,
    file,
    definition: def,
    legacy: options.legacy ?? false,
    trigger,
    recipient,
    converters,
    previous,
    condition,
    badge: {
      id: badgeId,
      name: def.name,
      description: def.description,
      imageUrl: def.image_url,
      criteria: def.discussion,
      ...(def.issuer_id === undefined ? {} : { issuerId: def.issuer_id }),
      tags: def.tags ?? [],
    },
  });
}
