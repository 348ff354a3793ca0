/**
 * `@accolade/core/testing`: helpers for a project's own tests. Nothing here
 * imports a test framework; assertions are node:assert's, so they run under
 * vitest, jest and node:test alike.
 */
export { type TestFramework, type StoreUnderTest } from './test-framework.js';
export {
  describeHistoryStoreConformance, conformanceHistory, type HistoryStoreFactory, type RecordingHistoryStore,
} from './history-store-conformance.js';
export { describeAwardStoreConformance, type AwardStoreFactory, type AwardStoreSetup } from './award-store-conformance.js';
export { runRules, type RuleAward, type RuleRunOptions, type RuleRunResult } from './run-rules.js';
export { expectAwards, type ExpectAwardsOptions, type ExpectedAward } from './expect-awards.js';
