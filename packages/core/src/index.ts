export { AccoladeError, type SourceLocation } from './errors/accolade-error.js';

export { ExpressionError, type ExpressionErrorCode } from './expressions/errors.js';
export { CompiledExpression, compileExpression, type CompileOptions } from './expressions/expression.js';
export { parseExpression, type ParseOptions } from './expressions/grammar/parse.js';
export type { Node as ExpressionNode } from './expressions/grammar/nodes.js';
export { pyRepr, pyStr } from './expressions/python/repr.js';
export { pythonJsonDumps, pythonJsonLoads, type DumpsOptions } from './expressions/python/json.js';
export { truthy } from './expressions/python/truth.js';
export {
  DEFAULT_LIMITS, type Limits, PyDateTime, PyDict, PyIterator, PyObject, PySet, PyTuple, typeName,
} from './expressions/python/values.js';

export { type Message, categoryOf, historyCategoryOf } from './message/message.js';
export type { MessageInput } from './message/message-input.js';
export { MessageError, type MessageErrorCode } from './message/message-error.js';
export { createMessage, asMessage, isMessage, parseMessage, messageToJson, messageHeaders, MAX_MESSAGE_DEPTH, type CreateMessageOptions } from './message/create-message.js';
export { MessageSchemaRegistry, type MessageSchema, type RawMessage } from './message/message-schema.js';

export { badgeIdFromName } from './rules/badge-id.js';
export { CONDITION_PHRASES, type ConditionPhrase, type RuleDefinition, type TriggerSpec, type PreviousSpec, type ConditionSpec } from './rules/rule-definition.js';
export type { CompiledRule, ExpressionSite, TriggerNode, CompiledPrevious, CompiledCondition } from './rules/compiled-rule.js';
export { RuleError, formatIssue, type RuleIssue, type RuleIssueCode } from './rules/rule-issue.js';
export { ruleJsonSchema } from './rules/schema/rule-schema.js';
export { locateSchemaErrors, type LocatedSchemaError, type SchemaError } from './rules/schema/schema-errors.js';
export { parseYaml, YamlDocument, type YamlResult } from './rules/yaml/yaml-document.js';
export { loadRuleSource, type RuleLoadOptions, type RuleLoadResult } from './rules/load/load-rule-source.js';
export { loadRuleFiles, loadRules, type RuleSetResult } from './rules/load/load-rule-files.js';
export { findRuleFiles, skippedInFolderSearch, type FoundRuleFiles } from './rules/load/find-rule-files.js';
export { migrateRuleSource, type MigrationResult } from './rules/migrate/migrate-rule.js';
export type { MigrationNote, MigrationNoteCode } from './rules/migrate/migration-note.js';
export { MigrationError } from './rules/migrate/migration-error.js';

export { Engine, createEngine, createReferenceEngine, type EngineConfig, type EngineOptions, type AwardResult } from './engine/engine.js';
export type { EngineEvent, EngineLogger, EngineStats } from './engine/engine-events.js';
export type { Explanation, RuleTrace, CandidateTrace } from './engine/explanation.js';
export { messageBindings, historyRowObject } from './engine/python-views.js';

export type { MaybePromise } from './stores/maybe-promise.js';
export {
  type HistoryStore, type HistoryQuery, type HistoryRow, type CountShape, type CountDimension, type CountFixedKey, type SelfExclusion,
  HISTORY_QUERY_KEYS, COUNT_DIMENSIONS, COUNT_FIXED_KEYS,
} from './stores/history-store.js';
export type { AwardStore, Award, AwardOutcome, BadgeDefinition } from './stores/award-store.js';
export type { AnnouncementOutbox, PendingAnnouncement, ClaimOptions } from './stores/announcement-outbox.js';
export { type UserDirectory, type RecipientConverter, RECIPIENT_CONVERTERS } from './stores/user-directory.js';
export { historyQueryMatcher } from './stores/history-query-matcher.js';
export { MemoryHistoryStore, historyRowOf } from './stores/memory/memory-history-store.js';
export { MemoryAwardStore } from './stores/memory/memory-award-store.js';
export { MemoryUserDirectory, type MemoryUserDirectoryOptions } from './stores/memory/memory-user-directory.js';
