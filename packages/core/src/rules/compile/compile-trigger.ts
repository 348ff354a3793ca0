import type { TriggerNode } from '../compiled-rule.js';
import { SITE_GLOBALS } from '../compiled-rule.js';
import type { TextMatch, TriggerSpec } from '../rule-definition.js';
import type { PathSegment } from '../yaml/yaml-document.js';
import type { SiteCompiler } from './expression-sites.js';

/** `category: {any: [bodhi, git]}` is the README's form; it becomes any of two category tests. */
function textMatch(match: TextMatch, leaf: (value: string) => TriggerNode): TriggerNode {
  if (typeof match === 'string') return leaf(match);
  if ('any' in match) return { kind: 'any', children: match.any.map((m) => textMatch(m, leaf)) };
  if ('all' in match) return { kind: 'all', children: match.all.map((m) => textMatch(m, leaf)) };
  return { kind: 'not', child: textMatch(match.not, leaf) };
}

export function compileTrigger(spec: TriggerSpec, path: readonly PathSegment[], sites: SiteCompiler): TriggerNode | null {
  if ('topic' in spec) return textMatch(spec.topic, (suffix) => ({ kind: 'topic', suffix }));
  if ('category' in spec) return textMatch(spec.category, (value) => ({ kind: 'category', value }));
  if ('lambda' in spec) {
    const site = sites.compile(spec.lambda, [...path, 'lambda'], SITE_GLOBALS.trigger);
    return site === null ? null : { kind: 'lambda', site };
  }
  if ('not' in spec) {
    const child = compileTrigger(spec.not, [...path, 'not'], sites);
    return child === null ? null : { kind: 'not', child };
  }
  const kind = 'all' in spec ? 'all' : 'any';
  const specs = 'all' in spec ? spec.all : spec.any;
  const children = specs.map((s, i) => compileTrigger(s, [...path, kind, i], sites));
  return children.every((c) => c !== null) ? { kind, children: children as TriggerNode[] } : null;
}
