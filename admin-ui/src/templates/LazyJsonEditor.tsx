/** The JSON editor, loaded only when a screen shows it (CodeMirror is a chunk of its own). */
import { Skeleton } from '@mui/material';
import { lazy, Suspense } from 'react';
import type { JsonEditorProps } from './JsonEditor';

const Editor = lazy(() => import('./JsonEditor'));

export function LazyJsonEditor(props: JsonEditorProps) {
  return (
    <Suspense fallback={<Skeleton variant="rectangular" height={props.height ?? '60vh'} />}>
      <Editor {...props} />
    </Suspense>
  );
}
