/** The Dockerfile model's instruction types, shared by parse.ts and reader.ts. */
import type { Span } from '../../core';

export interface DfFlag {
  name: string;
  value: string | null;
  span: Span;
  valueSpan?: Span;
}

export interface DfArg {
  value: string;
  span: Span;
}

export interface DfProperty {
  name: string;
  /** null when the instruction gives no value (`ARG NAME`) */
  value: string | null;
  span: Span;
  nameSpan: Span;
  valueSpan?: Span;
}

export interface DfInstruction {
  /** upper case */
  keyword: string;
  /** the whole instruction, continuations and heredoc bodies included */
  span: Span;
  keywordSpan: Span;
  /** zero-based first and last lines */
  line: number;
  endLine: number;
  flags: DfFlag[];
  /** the arguments after the flags, as dockerfile-ast splits them */
  args: DfArg[];
  /** exec (JSON) form: CMD/ENTRYPOINT/RUN/SHELL/HEALTHCHECK with a JSON array */
  json: boolean;
  /** the JSON strings of the exec form (values unquoted) */
  jsonStrings?: DfArg[];
  /**
   * The arguments as one offset-preserving text: continuations and the comment
   * lines inside them blanked to spaces, so `start + i` is a document offset.
   * Heredoc bodies that are data (`RUN cat <<EOF > f`) are blanked too.
   */
  body: { text: string; start: number };
  /** ENV, ARG and LABEL pairs */
  properties?: DfProperty[];
  /** the stage it belongs to, -1 before the first FROM */
  stage: number;
}
