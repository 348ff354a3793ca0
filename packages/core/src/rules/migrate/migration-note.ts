import type { PathSegment } from '../yaml/yaml-document.js';

export type MigrationNoteCode =
  /** A lambda over `msg`, the fedmsg envelope: Accolade binds it in 2.x rules, fedbadges 2.x does not. */
  | 'uses-msg'
  /** No recipient: 1.x's default (every username but the service accounts) is written out. */
  | 'default-recipient'
  /** Templates lower-cased string values; the expressions keep doing so. */
  | 'lower-cased';

/** Something about a migrated rule that a person should look at; where it is in the 1.x file. */
export interface MigrationNote {
  code: MigrationNoteCode;
  file: string;
  line: number;
  column: number;
  /** The field path in the 1.x rule, e.g. `criteria.datanommer.filter.users[0]`. */
  path: string;
  message: string;
}

/** A note before it is located in the file. */
export type PendingNote = Omit<MigrationNote, 'file' | 'line' | 'column' | 'path'> & { at: PathSegment[] };
