import { isDeepStrictEqual } from 'node:util';
import { type RuleLoadOptions, loadRuleSource } from '../load/load-rule-source.js';
import { type RuleIssue, formatPath } from '../rule-issue.js';
import { parseYaml } from '../yaml/yaml-document.js';
import { editDocument } from './edit-document.js';
import { MigrationError } from './migration-error.js';
import type { MigrationNote } from './migration-note.js';
import { type MigrationPlan, planMigration } from './migration-plan.js';

export type MigrationResult =
  /**
   * A 1.x rule, rewritten in the 2.x form: the same awards, its comments
   * kept. `warnings` are the loader's for the rule (a converter flag that is
   * not a boolean...), which hold for the migrated rule too.
   */
  | { status: 'migrated'; text: string; notes: MigrationNote[]; warnings: RuleIssue[] }
  /** Already a 2.x rule: there is nothing to do. */
  | { status: 'current' }
  /** The rule does not load (as `accolade validate` reports it, less the advice to migrate), so it cannot be migrated. */
  | { status: 'invalid'; issues: RuleIssue[] };

const BOM = '\uFEFF';

/**
 * Rewrite a fedbadges 1.x rule file's text as a 2.x rule: `criteria:
 * {datanommer: ...}` becomes `previous` and `condition`, `%(...)s` templates
 * become expressions, and the 1.x default recipient is written out. The
 * result is checked before it is returned: it must load as a 2.x rule and
 * read back as the planned definition, else a MigrationError is thrown.
 */
export function migrateRuleSource(source: string, file: string, options: RuleLoadOptions = {}): MigrationResult {
  const loaded = loadRuleSource(source, file, options);
  // The loader's advice to rewrite a 1.x rule is what this does; it is not repeated.
  if (loaded.rule === null) return { status: 'invalid', issues: loaded.issues.filter((i) => i.code !== 'legacy-rule') };
  const body = source.startsWith(BOM) ? source.slice(1) : source;
  const parsed = parseYaml(body, file, options);
  if (!parsed.ok) throw new MigrationError(`the rule loaded but does not parse again: ${parsed.message}`, { file });
  const doc = parsed.documents[0]!;
  const raw = doc.value as Record<string, unknown>;
  if (!('criteria' in raw)) return { status: 'current' };

  let plan: MigrationPlan;
  let text: string;
  try {
    plan = planMigration(raw);
    text = editDocument(body, plan);
  } catch (error) {
    if (error instanceof MigrationError) {
      error.file ??= file;
      throw error;
    }
    // A shape of YAML the editor does not handle (an alias across the moved nodes...): say so rather than guess.
    throw new MigrationError(`cannot rewrite this file's YAML in place: ${(error as Error).message}`, { file });
  }
  if (body.includes('\r\n')) text = text.replace(/\r?\n/g, '\r\n');
  if (source.startsWith(BOM)) text = BOM + text;
  checkFaithful(text, file, plan.definition, options);

  const notes = plan.notes.map(({ at, ...note }): MigrationNote => ({ ...note, file, path: formatPath(at), ...doc.locate(at, { key: at.length === 1 && at[0] === 'criteria' }) }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
  return { status: 'migrated', text, notes, warnings: loaded.issues.filter((i) => i.code !== 'legacy-rule') };
}

/** The migrated text must load as a 2.x rule and hold exactly the planned definition. */
function checkFaithful(text: string, file: string, definition: Record<string, unknown>, options: RuleLoadOptions): void {
  const loaded = loadRuleSource(text, file, options);
  const errors = loaded.issues.filter((i) => i.severity === 'error' || i.code === 'legacy-rule');
  if (loaded.rule === null || errors.length > 0) {
    const first = errors[0];
    throw new MigrationError(`the migrated rule does not load as a 2.x rule${first === undefined ? '' : `: ${first.line}:${first.column}: ${first.message}`}`, { file });
  }
  const reread = parseYaml(text.replace(/^\uFEFF/, ''), file, options);
  const value = reread.ok ? reread.documents[0]?.value : undefined;
  if (!isDeepStrictEqual(value, definition)) {
    throw new MigrationError(`the migrated rule reads back differently from the planned one: ${JSON.stringify(value)} instead of ${JSON.stringify(definition)}`, { file });
  }
}
