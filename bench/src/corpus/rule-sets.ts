import { badgeIdFromName } from '@accolade/core';
import { dump } from 'js-yaml';
import { FAMILIES, type Family, type JreCondition, type TriggerSpec } from './families.js';

/** One generated rule: its YAML text, and its trigger in json-rules-engine's form. */
export interface GeneratedRule {
  file: string;
  badgeId: string;
  yaml: string;
  jreTrigger: JreCondition;
  /** Its trigger has no topic or category to index it by: it is checked on every message. */
  residual: boolean;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

const isResidual = (t: TriggerSpec): boolean =>
  'lambda' in t || 'not' in t || ('any' in t && t.any.some(isResidual)) || ('all' in t && t.all.every(isResidual));

/** The trigger as a rule file writes it (the json-rules-engine twins of lambdas left out). */
function yamlTrigger(t: TriggerSpec): unknown {
  if ('lambda' in t) return { lambda: t.lambda };
  if ('all' in t) return { all: t.all.map(yamlTrigger) };
  if ('any' in t) return { any: t.any.map(yamlTrigger) };
  if ('not' in t) return { not: yamlTrigger(t.not) };
  return t;
}

/** The same trigger for json-rules-engine: facts `topic`, `category` and `body`, and an `endsWith` operator. */
function jreTrigger(t: TriggerSpec): JreCondition {
  if ('lambda' in t) return t.jre;
  if ('topic' in t) return { fact: 'topic', operator: 'endsWith', value: t.topic };
  if ('category' in t) {
    return typeof t.category === 'string'
      ? { fact: 'category', operator: 'equal', value: t.category }
      : { fact: 'category', operator: 'in', value: t.category.any };
  }
  if ('all' in t) return { all: t.all.map(jreTrigger) };
  if ('any' in t) return { any: t.any.map(jreTrigger) };
  return { not: jreTrigger(t.not) };
}

/** Move a trigger onto an application that never publishes: `bodhi.update.comment` → `p3bodhi.update.comment`. */
function relabel(t: TriggerSpec, tag: string): TriggerSpec {
  const topic = (s: string): string => {
    const parts = s.split('.');
    const at = s.startsWith('org.fedoraproject.prod.') ? 3 : 0;
    parts[at] = tag + parts[at]!;
    return parts.join('.');
  };
  if ('topic' in t) return { topic: topic(t.topic) };
  if ('category' in t) return { category: typeof t.category === 'string' ? tag + t.category : { any: t.category.any.map((c) => tag + c) } };
  if ('all' in t) return { all: t.all.map((c) => relabel(c, tag)) };
  if ('any' in t) return { any: t.any.map((c) => relabel(c, tag)) };
  if ('not' in t) return { not: relabel(t.not, tag) };
  return t;
}

interface Instance {
  family: Family;
  threshold: number;
  level: number;
  trigger: TriggerSpec;
  /** Distinguishes copies of a family: the seasons of the realistic set, the phantom applications. */
  suffix: string;
}

function generate(instance: Instance): GeneratedRule {
  const { family: f, threshold, level, trigger, suffix } = instance;
  const series = f.thresholds.length > 1 ? ` (${ROMAN[level] ?? level + 1})` : '';
  const name = `${f.title}${series}${suffix}`;
  const badgeId = badgeIdFromName(name);
  const rule: Record<string, unknown> = {
    name,
    description: f.says(threshold),
    creator: 'bench',
    discussion: `https://pagure.io/Fedora-Badges/issue/${f.id}`,
    image_url: `https://badges.fedoraproject.org/pngs/${badgeId}.png`,
    issuer_id: 'fedora-project',
    tags: [f.id.split('-')[0]],
    trigger: yamlTrigger(trigger),
  };
  if (f.previous) rule['previous'] = f.previous;
  rule['condition'] = f.condition ? f.condition(threshold) : { 'greater than or equal to': threshold };
  if (f.recipient) rule['recipient'] = f.recipient;
  if (f.converter) rule[`recipient_${f.converter}2fas`] = true;
  return {
    file: `${f.id}/${badgeId}.yml`,
    badgeId,
    yaml: dump(rule, { lineWidth: -1, noRefs: true }),
    jreTrigger: jreTrigger(trigger),
    residual: isResidual(trigger),
  };
}

const baseInstances = (): Instance[] =>
  FAMILIES.flatMap((family) => family.thresholds.map((threshold, level) => ({ family, threshold, level, trigger: family.trigger, suffix: '' })));

/** Every family at every threshold: the realistic set, about as many rules as Fedora has. */
export const BASE_RULE_COUNT = baseInstances().length;

/**
 * `count` rules in Fedora's proportions. Below the base size, an even
 * sample of the series; above it, further seasons of the same families with
 * higher thresholds, so more rules also means more rules on the same topics.
 */
export function realisticRules(count: number): GeneratedRule[] {
  const base = baseInstances();
  const out: Instance[] = [];
  if (count <= base.length) {
    for (let i = 0; i < count; i++) out.push(base[Math.floor((i * base.length) / count)]!);
  } else {
    for (let i = 0; i < count; i++) {
      const b = base[i % base.length]!;
      const season = Math.floor(i / base.length);
      out.push(season === 0 ? b : { ...b, threshold: b.threshold * (season + 1), suffix: ` [season ${season + 1}]` });
    }
  }
  return out.map(generate);
}

/**
 * The first `matching` rules of the realistic set, then copies of its
 * indexable rules on applications that never publish, up to `count`: the
 * rules a message can match stay the same while the rule set grows.
 */
export function growingRules(count: number, matching: number): GeneratedRule[] {
  const base = realisticRules(Math.min(count, matching));
  const source = baseInstances().filter((b) => !isResidual(b.trigger));
  const out = [...base];
  for (let i = 0; out.length < count; i++) {
    const b = source[i % source.length]!;
    const app = Math.floor(i / source.length) + 1;
    out.push(generate({ ...b, trigger: relabel(b.trigger, `p${app}`), suffix: ` [p${app}]` }));
  }
  return out;
}
