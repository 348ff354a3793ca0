/**
 * The expression syntax tree, shaped after Python's own `ast` module so that a
 * reader who knows Python recognises every node. Offsets are into the
 * expression source, end-exclusive.
 */
interface Span {
  start: number;
  end: number;
}

export type Node =
  | Const
  | Name
  | Attribute
  | Subscript
  | Slice
  | Call
  | UnaryOp
  | BinOp
  | BoolOp
  | Compare
  | IfExp
  | Lambda
  | ListExpr
  | TupleExpr
  | SetExpr
  | DictExpr
  | Comprehension
  | JoinedStr
  | FormattedValue;

export interface Const extends Span {
  type: 'Const';
  value: string | number | boolean | null;
  /** `int`, `float`, `str`, `bool` or `None`, as written. */
  kind: 'int' | 'float' | 'str' | 'bool' | 'None';
}

export interface Name extends Span {
  type: 'Name';
  id: string;
}

export interface Attribute extends Span {
  type: 'Attribute';
  value: Node;
  attr: string;
  attrStart: number;
}

export interface Subscript extends Span {
  type: 'Subscript';
  value: Node;
  index: Node;
}

export interface Slice extends Span {
  type: 'Slice';
  lower: Node | null;
  upper: Node | null;
  step: Node | null;
}

export interface Keyword extends Span {
  name: string;
  value: Node;
}

export interface Call extends Span {
  type: 'Call';
  func: Node;
  args: Node[];
  keywords: Keyword[];
}

export type UnaryOperator = 'not' | '-' | '+' | '~';
export interface UnaryOp extends Span {
  type: 'UnaryOp';
  op: UnaryOperator;
  operand: Node;
}

export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '<<' | '>>' | '|' | '^' | '&';
export interface BinOp extends Span {
  type: 'BinOp';
  op: BinaryOperator;
  left: Node;
  right: Node;
  opStart: number;
}

export interface BoolOp extends Span {
  type: 'BoolOp';
  op: 'and' | 'or';
  values: Node[];
}

export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';
export interface Compare extends Span {
  type: 'Compare';
  left: Node;
  ops: CompareOperator[];
  comparators: Node[];
}

export interface IfExp extends Span {
  type: 'IfExp';
  test: Node;
  body: Node;
  orelse: Node;
}

export interface Lambda extends Span {
  type: 'Lambda';
  params: string[];
  body: Node;
}

export interface ListExpr extends Span {
  type: 'List';
  elts: Node[];
}

export interface TupleExpr extends Span {
  type: 'Tuple';
  elts: Node[];
}

export interface SetExpr extends Span {
  type: 'Set';
  elts: Node[];
}

export interface DictExpr extends Span {
  type: 'Dict';
  keys: Node[];
  values: Node[];
}

/** A `for` target: a name, or a (possibly nested) tuple of names. */
export type Target = { type: 'Name'; id: string; start: number; end: number } | { type: 'TupleTarget'; elts: Target[]; start: number; end: number };

export interface ComprehensionClause {
  target: Target;
  iter: Node;
  ifs: Node[];
}

export interface Comprehension extends Span {
  type: 'Comprehension';
  kind: 'list' | 'set' | 'dict' | 'generator';
  /** The element, or the key of a dict comprehension. */
  elt: Node;
  /** The value of a dict comprehension. */
  value: Node | null;
  generators: ComprehensionClause[];
}

export interface JoinedStr extends Span {
  type: 'JoinedStr';
  values: Array<Const | FormattedValue>;
}

export interface FormattedValue extends Span {
  type: 'FormattedValue';
  value: Node;
  conversion: 's' | 'r' | 'a' | null;
  formatSpec: JoinedStr | null;
}
