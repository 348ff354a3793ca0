import type { CompileOptions } from '../../expressions/expression.js';
import type { CompiledRule } from '../compiled-rule.js';
import { checkExpressionsOfMisshapenRule } from '../compile/check-expressions.js';
import { compileRule } from '../compile/compile-rule.js';
import { converterFlags } from '../compile/converter-flags.js';
import { SiteCompiler } from '../compile/expression-sites.js';
import { translateV1, v1SourcePath } from '../legacy/translate-v1.js';
import type { RuleDefinition } from '../rule-definition.js';
import type { RuleIssue } from '../rule-issue.js';
import { validateShape } from '../schema/validate-shape.js';
import { type YamlLimits, parseYaml } from '../yaml/yaml-document.js';

export interface RuleLoadOptions extends YamlLimits, Omit<CompileOptions, 'globals'> {
  /** Largest rule file accepted, in characters. */
  maxFileSize?: number;
}

export interface RuleLoadResult {
  /** The rule, or null when it has errors (warnings alone keep it). */
  rule: CompiledRule | null;
  issues: RuleIssue[];
  /** Where the rule's `name` is, for problems that concern the whole badge. */
  nameAt?: { line: number; column: number };
}

export const DEFAULT_MAX_FILE_SIZE = 1_000_000;

const fileIssue = (file: string, code: RuleIssue['code'], message: string, line = 1, column = 1): RuleIssue =>
  ({ code, severity: 'error', file, line, column, path: '', message });

/** Load one rule from its YAML text: every problem is returned as an issue, nothing is thrown. */
export function loadRuleSource(source: string, file: string, options: RuleLoadOptions = {}): RuleLoadResult {
  const maxSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (source.length > maxSize) return { rule: null, issues: [fileIssue(file, 'too-large', `the file has ${source.length} characters; a rule file may have at most ${maxSize}`)] };
  const nul = source.indexOf('\u0000');
  if (nul >= 0) return { rule: null, issues: [fileIssue(file, 'not-text', 'this is not a text file (it contains NUL bytes)')] };

  const parsed = parseYaml(source.replace(/^\uFEFF/, ''), file, options);
  if (!parsed.ok) return { rule: null, issues: [fileIssue(file, 'yaml-syntax', `YAML syntax error: ${parsed.message}`, parsed.line, parsed.column)] };
  const [doc, second] = parsed.documents;
  if (doc === undefined || doc.value === null || doc.value === undefined) return { rule: null, issues: [fileIssue(file, 'empty', 'the file holds no rule')] };
  if (second !== undefined) {
    return { rule: null, issues: [fileIssue(file, 'multiple-documents', `a rule file holds one YAML document; this one has ${parsed.documents.length}`, second.locate([]).line, second.locate([]).column)] };
  }
  if (typeof doc.value !== 'object' || Array.isArray(doc.value)) {
    return { rule: null, issues: [{ ...fileIssue(file, 'schema', 'a rule must be a mapping of fields (name, trigger, ...)'), ...doc.locate([]) }] };
  }

  const raw = doc.value as Record<string, unknown>;
  // In the order they are written, like every other issue of the file.
  const flags: RuleIssue[] = converterFlags(raw).warnings.map(({ at, ...issue }) => ({ ...issue, file, ...doc.locate(at) }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
  const shape = validateShape(doc, file);
  if (shape.length > 0) {
    if ('criteria' in raw) return { rule: null, issues: [...shape, ...flags] };
    const sites = new SiteCompiler(doc, file, options);
    checkExpressionsOfMisshapenRule(raw, sites, shape);
    return { rule: null, issues: [...shape, ...sites.issues, ...flags] };
  }

  if (!('criteria' in raw)) {
    const sites = new SiteCompiler(doc, file, options);
    const rule = compileRule(raw as unknown as RuleDefinition, file, sites);
    return { rule, issues: [...sites.issues, ...flags], nameAt: doc.locate(['name'], { key: true }) };
  }

  // fedbadges 1.x
  const clash = ['previous', 'condition'].find((k) => k in raw);
  if (clash !== undefined) {
    return { rule: null, issues: [{ ...fileIssue(file, 'schema', `'${clash}' (2.x) and 'criteria' (1.x) cannot be combined`), path: clash, ...doc.locate([clash], { key: true }) }] };
  }
  const translation = translateV1(raw);
  const issues: RuleIssue[] = [...translation.issues.map(({ at, ...issue }) => ({ ...issue, file, ...doc.locate(at, { key: at.length === 1 }) })), ...flags];
  if (issues.some((i) => i.severity === 'error')) return { rule: null, issues };
  const sites = new SiteCompiler(doc, file, options, v1SourcePath, translation.translatedPaths);
  const rule = compileRule(translation.definition, file, sites, { legacy: true, recipientSource: translation.recipientSource });
  return { rule, issues: [...issues, ...sites.issues], nameAt: doc.locate(['name'], { key: true }) };
}
