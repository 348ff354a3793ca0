import type { CompiledRule, Message, UserDirectory } from '@accolade/core';
import type { MessageSequence } from '../corpus/messages.js';
import type { GeneratedRule } from '../corpus/rule-sets.js';

export interface BenchFlags {
  seed: number;
  rules: number;
  history: number;
  stream: number;
  baselineStream: number;
  jreStream: number;
  scaleRules: number[];
  scaleHistory: number[];
  scaleStream: number;
  /** Rules a message can match in the rule-growth runs (the first rules of the realistic set). */
  matching: number;
  sections: Set<string>;
  out: string;
  compare: string | null;
}

/** What every section shares: the corpus for the main figures, built once. */
export interface BenchContext {
  flags: BenchFlags;
  sequence: MessageSequence;
  users: UserDirectory;
  rules: GeneratedRule[];
  compiled: CompiledRule[];
  history: Message[];
  stream: Message[];
  log(text: string): void;
}
