/** How a template's owner and a version's source read, in lists and on the template's page. */
import { Chip, Stack } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { useAccess } from './access';
import type { Template, TemplateVersionSummary } from './types';
import { useUpstream } from './useUpstream';

export function OwnerField() {
  const record = useRecordContext<Template>();
  const translate = useTranslate();
  const { municipality } = useAccess();
  if (!record) return null;
  if (record.national)
    return <Chip size="small" color="primary" label={translate('resources.templates.national')} />;
  if (record.municipality === municipality)
    return (
      <Chip size="small" color="secondary" variant="outlined" label={translate('resources.templates.ours')} />
    );
  return (
    <Chip
      size="small"
      variant="outlined"
      label={translate('resources.templates.ownedBy', { municipality: record.municipality })}
    />
  );
}

/** The name, and a mark on the template the municipality's ruleset is based on. */
export function NameField() {
  const record = useRecordContext<Template>();
  const translate = useTranslate();
  const { data } = useUpstream();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={1} alignItems="center" useFlexGap flexWrap="wrap">
      <span>{record.name}</span>
      {data?.template === record.id && (
        <Chip
          size="small"
          color={data.upToDate ? 'success' : 'warning'}
          label={translate('resources.templates.basedOn', { version: data.baseVersion })}
        />
      )}
    </Stack>
  );
}

export function SourceField() {
  const record = useRecordContext<TemplateVersionSummary>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <span>
      {record.sourceMunicipality === null
        ? translate('resources.templates.fromPlatform')
        : translate('resources.templates.fromMunicipality', {
            municipality: record.sourceMunicipality,
            version: record.sourceVersion,
          })}
    </span>
  );
}

/** `user:admin` → admin, `system` → system (the audit trail's actor, as a person reads it). */
export function ActorField() {
  const record = useRecordContext<TemplateVersionSummary>();
  return record ? <span>{record.createdBy.replace(/^user:/, '')}</span> : null;
}
