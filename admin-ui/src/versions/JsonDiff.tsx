/** Two ruleset documents as a JSON diff (jsondiffpatch's HTML formatter; lazy-loaded). */
import { Box, FormControlLabel, Switch } from '@mui/material';
import { create } from 'jsondiffpatch';
import { format } from 'jsondiffpatch/formatters/html';
import 'jsondiffpatch/formatters/styles/html.css';
import { useMemo, useState } from 'react';
import { useTranslate } from 'react-admin';

/** Table rows are matched by their key (a service number's code, a rule's name …), not their index. */
const differ = create({
  objectHash: (item: object, index?: number) => {
    const o = item as Record<string, unknown>;
    for (const key of ['code', 'id', 'name', 'supplier', 'ean', 'key'])
      if (typeof o[key] === 'string' || typeof o[key] === 'number') return `${key}:${String(o[key])}`;
    return `$$index:${String(index)}`;
  },
  arrays: { detectMove: false },
});

export default function JsonDiff({ left, right }: { left: unknown; right: unknown }) {
  const translate = useTranslate();
  const [showUnchanged, setShowUnchanged] = useState(false);
  const html = useMemo(() => {
    const delta = differ.diff(left, right);
    return delta === undefined ? null : (format(delta, left) ?? null);
  }, [left, right]);
  if (html === null)
    return <Box sx={{ color: 'text.secondary' }}>{translate('resources.versions.diff.identical')}</Box>;
  return (
    <>
      <FormControlLabel
        control={<Switch checked={showUnchanged} onChange={(e) => setShowUnchanged(e.target.checked)} />}
        label={translate('resources.versions.diff.show_unchanged')}
      />
      <Box
        className={showUnchanged ? 'jsondiffpatch-unchanged-visible' : 'jsondiffpatch-unchanged-hidden'}
        // width 0 / minWidth 100%: long hidden lines must not widen the page, only scroll here.
        sx={{
          width: 0,
          minWidth: '100%',
          overflowX: 'auto',
          fontSize: 13,
          '& .jsondiffpatch-delta': { fontFamily: 'monospace' },
        }}
        // jsondiffpatch escapes the values it formats.
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </>
  );
}
