/**
 * Before/after of an audit event as a readable diff: jsondiffpatch's HTML formatter (the server
 * uses the same library), array items matched by their code/name as in ruleset diffs. Lazy:
 * only the event page loads it.
 */
import { Box, FormControlLabel, Switch, Typography } from '@mui/material';
import { create } from 'jsondiffpatch';
import { format } from 'jsondiffpatch/formatters/html';
import 'jsondiffpatch/formatters/styles/html.css';
import { useMemo, useState } from 'react';
import { useTranslate } from 'react-admin';

const differ = create({
  objectHash: (item: object, index?: number) => {
    const o = item as Record<string, unknown>;
    if (typeof o.code === 'string') return `code:${o.code}`;
    if (typeof o.name === 'string') return `name:${o.name}`;
    if (typeof o.id === 'string') return `id:${o.id}`;
    return `$$index:${index ?? 0}`;
  },
  arrays: { detectMove: true },
});

export default function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const translate = useTranslate();
  const [showUnchanged, setShowUnchanged] = useState(false);
  const html = useMemo(() => {
    const delta = differ.diff(before ?? {}, after ?? {});
    return delta === undefined ? null : (format(delta, before ?? {}) ?? null);
  }, [before, after]);
  if (html === null) {
    return <Typography variant="body2">{translate('resources.audit-events.diff.same')}</Typography>;
  }
  return (
    <Box>
      <FormControlLabel
        control={
          <Switch size="small" checked={showUnchanged} onChange={(e) => setShowUnchanged(e.target.checked)} />
        }
        label={translate('resources.audit-events.diff.showUnchanged')}
      />
      <Box
        className={showUnchanged ? 'jsondiffpatch-unchanged-visible' : 'jsondiffpatch-unchanged-hidden'}
        sx={{ overflow: 'auto', fontSize: 13, '& .jsondiffpatch-delta': { fontFamily: 'monospace' } }}
        // jsondiffpatch escapes every value it writes into this HTML.
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </Box>
  );
}
