/** One template version, read-only: what it holds in numbers, and its document as JSON. */
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { documentText } from './format';
import { LazyJsonEditor } from './LazyJsonEditor';
import type { Template } from './types';
import { useTemplateVersion } from './useTemplateVersion';

const count = (doc: Record<string, unknown>, key: string) =>
  Array.isArray(doc[key]) ? (doc[key] as unknown[]).length : 0;

export function VersionDialog({
  template,
  version,
  onClose,
}: {
  template: Template;
  version: number;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const { data, error } = useTemplateVersion(template.id, version);
  const doc = data?.document;
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth aria-labelledby="version-dialog-title">
      <DialogTitle id="version-dialog-title">
        {translate('resources.templates.view.title', { name: template.name, version })}
      </DialogTitle>
      <DialogContent>
        {error && <Alert severity="error">{error.message}</Alert>}
        {!doc && !error && <Typography>{translate('resources.templates.view.loading')}</Typography>}
        {doc && (
          <>
            <Typography variant="body2" sx={{ mb: 1 }}>
              {translate('resources.templates.view.summary', {
                serviceNumbers: count(doc, 'serviceNumbers'),
                caseTypes: count(doc, 'caseTypes'),
                rejectionReasons: count(doc, 'rejectionReasons'),
                manualReasons: count(doc, 'manualReasons'),
                rules: count(doc, 'rules'),
              })}
            </Typography>
            <Alert severity="info" sx={{ mb: 1 }}>
              {translate('resources.templates.view.readOnly')}
            </Alert>
            <LazyJsonEditor value={documentText(doc)} readOnly height="55vh" />
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('resources.templates.actions.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
