import type { Node } from '../grammar/nodes.js';
import type { Code } from './frame.js';
import type { Scope } from './scope.js';

/** What the node compilers share: the scope and a way to compile sub-nodes. */
export interface Compiler {
  readonly scope: Scope;
  node(node: Node): Code;
}
