/** A rule as written in YAML (the fedbadges 2.x form), after its shape has been checked. */
export interface RuleDefinition {
  name: string;
  description: string;
  creator: string;
  discussion: string;
  image_url: string;
  issuer_id?: string;
  tags?: string[];
  trigger: TriggerSpec;
  previous?: PreviousSpec;
  condition?: ConditionSpec;
  /** An expression; in a 1.x rule a `%(...)s` template or a list of them (translated before compiling). */
  recipient?: string | string[];
  /**
   * The converters. `true`/`false` is the clear form; like fedbadges, any
   * other YAML value is read with Python's truthiness (with a warning).
   */
  recipient_nick2fas?: unknown;
  recipient_email2fas?: unknown;
  recipient_openid2fas?: unknown;
  recipient_github2fas?: unknown;
  recipient_distgit2fas?: unknown;
  recipient_krb2fas?: unknown;
}

export type TextMatch = string | { any: TextMatch[] } | { all: TextMatch[] } | { not: TextMatch };

export type TriggerSpec =
  | { topic: TextMatch }
  | { category: TextMatch }
  | { lambda: string }
  | { all: TriggerSpec[] }
  | { any: TriggerSpec[] }
  | { not: TriggerSpec };

export type FilterValue = string | number | boolean | Array<string | number | boolean>;

export interface PreviousSpec {
  filter: Partial<Record<string, FilterValue>>;
  operation?: 'count' | { lambda: string };
}

export const CONDITION_PHRASES = {
  'is greater than or equal to': (v: number, t: number) => v >= t,
  'greater than or equal to': (v: number, t: number) => v >= t,
  'greater than': (v: number, t: number) => v > t,
  'is less than or equal to': (v: number, t: number) => v <= t,
  'less than or equal to': (v: number, t: number) => v <= t,
  'less than': (v: number, t: number) => v < t,
  'equal to': (v: number, t: number) => v === t,
  'is equal to': (v: number, t: number) => v === t,
  'is not': (v: number, t: number) => v !== t,
  'is not equal to': (v: number, t: number) => v !== t,
} as const;

export type ConditionPhrase = keyof typeof CONDITION_PHRASES;
export type ConditionSpec = Partial<Record<ConditionPhrase, number>> | { lambda: string };
