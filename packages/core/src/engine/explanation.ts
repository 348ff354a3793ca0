/** Why a rule did or did not award, step by step, for `accolade explain` and `engine.explain()`. */
export interface CandidateTrace {
  user: string;
  /** Set when the candidate was dropped before counting, with the reason. */
  dropped?: string;
  /** Evaluated filter values, by filter key. */
  query?: Record<string, unknown>;
  /** The previous count (or the lambda's result). */
  value?: unknown;
  /** The condition and whether it held. */
  condition?: { description: string; passed: boolean };
  awarded?: boolean;
  /** An evaluation problem that stopped this candidate. */
  error?: string;
}

export interface RuleTrace {
  badgeId: string;
  name: string;
  file: string;
  /** What the recipient expression produced, before any filtering. */
  recipients: unknown;
  candidates: CandidateTrace[];
  /** A problem that stopped the whole rule (e.g. in the recipient expression). */
  error?: string;
  awarded: string[];
}

export interface Explanation {
  messageId: string;
  topic: string;
  /** Only the rules whose trigger matched. */
  rules: RuleTrace[];
  /** How many rules were looked at through the trigger index. */
  rulesChecked: number;
}
