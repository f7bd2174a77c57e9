/**
 * What every action on a document's page does around its API call (the outcome dialog, Fjern
 * deling, Annullér og del faktura): busy while it runs, the success notice, close, refresh the
 * page; on failure the server's message stays in the dialog.
 */
import { useState } from 'react';
import { useNotify, useRefresh } from 'react-admin';

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function useDocumentAction(onDone: () => void) {
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (call: () => Promise<unknown>, doneMessage: string) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      notify(doneMessage, { type: 'success' });
      onDone();
      refresh();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
