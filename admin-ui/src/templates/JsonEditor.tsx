/**
 * The JSON editor (CodeMirror 6, lazy-loaded — the only module that imports it): syntax errors
 * from JSON.parse and the server's problems (by JSON pointer) marked at their line, read-only for
 * viewing a template version.
 */
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import CodeMirror, { EditorView } from '@uiw/react-codemirror';
import { useEffect, useMemo, useRef } from 'react';
import { rangeOf } from './pointers';

export interface PointerProblem {
  pointer: string;
  message: string;
}

export interface JsonEditorProps {
  value: string;
  onChange?: (value: string) => void;
  readOnly?: boolean;
  /** Problems by JSON pointer into the document (not the request body). */
  problems?: readonly PointerProblem[];
  /** Moves the cursor to this pointer (changes of `n` repeat it). */
  focus?: { pointer: string; n: number } | null;
  height?: string;
  label?: string;
}

const NO_PROBLEMS: readonly PointerProblem[] = [];

export default function JsonEditor({
  value,
  onChange,
  readOnly = false,
  problems = NO_PROBLEMS,
  focus,
  height = '60vh',
  label,
}: JsonEditorProps) {
  const view = useRef<EditorView | null>(null);

  const extensions = useMemo(() => {
    const syntax = jsonParseLinter();
    const source = (v: EditorView): Diagnostic[] => {
      const text = v.state.doc.toString();
      const found = syntax(v);
      if (found.length) return found;
      return problems.flatMap((p) => {
        const range = rangeOf(text, p.pointer);
        return range ? [{ ...range, severity: 'error' as const, message: p.message }] : [];
      });
    };
    return [
      json(),
      linter(source, { delay: 300 }),
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': label ?? 'JSON' }),
    ];
  }, [label, problems]);

  useEffect(() => {
    const v = view.current;
    if (!v || !focus) return;
    const range = rangeOf(v.state.doc.toString(), focus.pointer);
    if (!range) return;
    v.dispatch({
      selection: { anchor: range.from },
      effects: EditorView.scrollIntoView(range.from, { y: 'center' }),
    });
    v.focus();
  }, [focus]);

  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      readOnly={readOnly}
      editable={!readOnly}
      height={height}
      extensions={extensions}
      onCreateEditor={(v) => {
        view.current = v;
      }}
      basicSetup={{ foldGutter: true, highlightActiveLine: !readOnly }}
      style={{ fontSize: 13, border: '1px solid rgba(0,0,0,0.23)', borderRadius: 4 }}
    />
  );
}
