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
  recipient?: string;
  recipient_nick2fas?: boolean;
  recipient_email2fas?: boolean;
  recipient_openid2fas?: boolean;
  recipient_github2fas?: boolean;
  recipient_distgit2fas?: boolean;
  recipient_krb2fas?: boolean;
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
