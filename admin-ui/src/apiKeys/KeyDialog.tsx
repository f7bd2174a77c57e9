/** The new key, shown this once, with a copy button. */
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { useRef, useState } from 'react';
import { useTranslate } from 'react-admin';

async function copy(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission: select the text and fall back to the old command.
    input?.select();
    return document.execCommand?.('copy') ?? false;
  }
}

export function KeyDialog({ apiKey, onClose }: { apiKey: string; onClose: () => void }) {
  const translate = useTranslate();
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  return (
    <Dialog open maxWidth="md" fullWidth aria-labelledby="key-dialog-title">
      <DialogTitle id="key-dialog-title">{translate('resources.api-keys.created.title')}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('resources.api-keys.created.body')}
        </Alert>
        <TextField
          inputRef={input}
          value={apiKey}
          fullWidth
          label={translate('resources.api-keys.fields.prefix')}
          slotProps={{ input: { readOnly: true, sx: { fontFamily: 'monospace' } } }}
          onFocus={(e) => e.target.select()}
        />
      </DialogContent>
      <DialogActions>
        <Button
          startIcon={<ContentCopyIcon />}
          onClick={async () => setCopied(await copy(apiKey, input.current))}
        >
          {translate(copied ? 'app.copied' : 'app.copy')}
        </Button>
        <Button variant="contained" onClick={onClose}>
          {translate('resources.api-keys.created.done')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
