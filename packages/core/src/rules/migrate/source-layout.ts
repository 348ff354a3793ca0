/** How a rule file lays out its YAML, so that the parts the migration writes look like the rest. */
export interface SourceLayout {
  /** Spaces per nesting level. */
  indent: number;
  /** Whether a block sequence's `- ` is indented under its key. */
  indentSeq: boolean;
  /** Whether flow collections are written `[ a, b ]` rather than `[a, b]`. */
  flowCollectionPadding: boolean;
}

const KEY_LINE = /^( *)[^#\s-][^#]*:\s*(#.*)?$/;
const FLOW_OPEN = /:\s+[[{](.)/;

/** The first nesting step, sequence indentation and flow padding the file shows; yaml's defaults where it shows none. */
export function layoutOf(source: string): SourceLayout {
  const lines = source.split(/\r?\n/);
  let indent: number | undefined;
  let indentSeq: boolean | undefined;
  let flowCollectionPadding: boolean | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (flowCollectionPadding === undefined) {
      const open = FLOW_OPEN.exec(line.replace(/\s#.*$/, ''));
      if (open && open[1] !== ']' && open[1] !== '}') flowCollectionPadding = open[1] === ' ';
    }
    const key = KEY_LINE.exec(line);
    if (!key || (indent !== undefined && indentSeq !== undefined)) continue;
    const next = lines.slice(i + 1).find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    if (next === undefined) continue;
    const keyIndent = key[1]!.length;
    const nextIndent = /^ */.exec(next)![0].length;
    if (next.trimStart().startsWith('- ')) indentSeq ??= nextIndent > keyIndent;
    else if (nextIndent > keyIndent) indent ??= nextIndent - keyIndent;
  }
  return { indent: indent ?? 2, indentSeq: indentSeq ?? true, flowCollectionPadding: flowCollectionPadding ?? false };
}
