import { readFile, writeFile } from 'node:fs/promises';
import { MigrationError, type MigrationNote, type MigrationResult, findRuleFiles, formatIssue, migrateRuleSource } from '@accolade/core';
import { type CliIo, UsageError } from '../io/cli-io.js';
import { describePathProblem } from '../io/rule-set.js';

export interface MigrateOptions {
  /** Rewrite each 1.x file in place. */
  write?: boolean;
  /** Change nothing; exit 1 when some file would change. */
  check?: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A file's text, or why there is none: exit 2 for what cannot be read, 1 for a binary posing as a rule. */
async function readRuleText(file: string): Promise<{ text: string } | { problem: string; code: 1 | 2 }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { problem: `accolade: cannot read rules '${file}': ${(error as Error).message}`, code: 2 };
  }
  if (bytes.includes(0)) return { problem: `${file}:1:1: this is not a text file (it contains NUL bytes)`, code: 1 };
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    return { problem: `${file}:1:1: this is not a text file (it is not valid UTF-8)`, code: 1 };
  }
}

const formatNote = (note: MigrationNote): string => `${note.file}:${note.line}:${note.column}: note: ${note.path}: ${note.message}`;

/**
 * `accolade migrate <path>...`: fedbadges 1.x rules rewritten as 2.x. One
 * file is printed on stdout (a 2.x file as it is, so the output is always
 * the rule); `--write` rewrites every 1.x file in place, `--check` only says
 * which would change. Exit 0 when all is well, 1 for a rule that does not
 * load (or, with --check, a file that would change), 2 for unreadable paths.
 */
export async function migrateCommand(paths: string[], options: MigrateOptions, io: CliIo): Promise<number> {
  if (options.write === true && options.check === true) throw new UsageError('--write and --check cannot be combined: --check changes nothing');
  const found = await findRuleFiles(paths);
  const toStdout = options.write !== true && options.check !== true;
  if (toStdout && found.files.length > 1) {
    throw new UsageError(`migrate prints one rule file on stdout; these paths hold ${found.files.length}: give --write to rewrite them in place, or --check`);
  }
  let code = 0;
  const raise = (to: number): void => { code = Math.max(code, to); };
  for (const problem of found.issues) {
    io.stderr(`accolade: ${describePathProblem(problem)}\n`);
    raise(2);
  }
  const counts = { migrated: 0, current: 0, invalid: 0 };
  for (const file of found.files) {
    const read = await readRuleText(file);
    if ('problem' in read) {
      io.stderr(`${read.problem}\n`);
      raise(read.code);
      if (read.code === 1) counts.invalid++;
      continue;
    }
    let result: MigrationResult;
    try {
      result = migrateRuleSource(read.text, file);
    } catch (error) {
      if (!(error instanceof MigrationError)) throw error;
      io.stderr(`${error.format()}\n`);
      counts.invalid++;
      raise(1);
      continue;
    }
    if (result.status === 'invalid') {
      for (const issue of result.issues) io.stderr(`${formatIssue(issue)}\n`);
      counts.invalid++;
      raise(1);
      continue;
    }
    if (result.status === 'current') {
      counts.current++;
      io.stderr(`${file}: already a fedbadges 2.x rule, left alone\n`);
      if (toStdout) io.stdout(read.text);
      continue;
    }
    counts.migrated++;
    for (const warning of result.warnings) io.stderr(`${formatIssue(warning)}\n`);
    for (const note of result.notes) io.stderr(`${formatNote(note)}\n`);
    if (toStdout) io.stdout(result.text);
    else if (options.check === true) {
      io.stdout(`${file}: would be migrated\n`);
      raise(1);
    } else {
      try {
        await writeFile(file, result.text);
      } catch (error) {
        io.stderr(`accolade: cannot write '${file}': ${(error as Error).message}\n`);
        raise(2);
        continue;
      }
      io.stdout(`${file}: migrated\n`);
    }
  }
  if (!toStdout) {
    const verb = options.check === true ? 'to migrate' : 'migrated';
    io.stdout(`${counts.migrated} ${verb}, ${counts.current} already 2.x, ${counts.invalid} invalid\n`);
  }
  return code;
}
