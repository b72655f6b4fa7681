/** Syntax tree of a rule (docs/protocol-authoring.md). Every node keeps its character span for errors. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=';
export type ArithOp = '+' | '-' | '*' | '/';

export type Node =
  | {
      readonly kind: 'number';
      readonly value: number;
      readonly unit: string | undefined;
      readonly span: Span;
    }
  | { readonly kind: 'string'; readonly value: string; readonly span: Span }
  | { readonly kind: 'ident'; readonly name: string; readonly span: Span }
  | {
      readonly kind: 'call';
      readonly name: string;
      readonly args: readonly Node[];
      readonly named: ReadonlyMap<string, Node>;
      readonly span: Span;
    }
  | {
      readonly kind: 'compare';
      readonly op: CompareOp;
      readonly left: Node;
      readonly right: Node;
      readonly span: Span;
    }
  | {
      readonly kind: 'arith';
      readonly op: ArithOp;
      readonly left: Node;
      readonly right: Node;
      readonly span: Span;
    }
  | { readonly kind: 'neg'; readonly operand: Node; readonly span: Span }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly Node[]; readonly span: Span }
  | { readonly kind: 'not'; readonly operand: Node; readonly span: Span }
  | {
      readonly kind: 'window';
      readonly from: Node;
      readonly to: Node;
      readonly closedEnd: boolean;
      readonly span: Span;
    };
