/**
 * Where an administrator finds *Opdateringer fra skabelonen*: a notice above the templates (and on
 * the template the ruleset is based on) — a warning with the number of changes when the template
 * has a newer version, a quiet line when the ruleset is up to date.
 */
import SyncIcon from '@mui/icons-material/Sync';
import { Alert, Badge, Button } from '@mui/material';
import { Link } from 'react-router-dom';
import { useTranslate } from 'react-admin';
import { useUpstream } from './useUpstream';

export function UpdatesButton({
  count,
  variant = 'outlined',
}: {
  count: number;
  variant?: 'outlined' | 'contained';
}) {
  const translate = useTranslate();
  return (
    <Badge badgeContent={count} color="warning" overlap="rectangular">
      <Button
        component={Link}
        to="/templates/updates"
        size="small"
        variant={variant}
        startIcon={<SyncIcon />}
      >
        {translate('resources.templates.actions.updates')}
      </Button>
    </Badge>
  );
}

/** `template`: show the notice only when the ruleset follows that template. */
export function UpstreamNotice({ template }: { template?: string }) {
  const translate = useTranslate();
  const { data } = useUpstream();
  if (!data || (template !== undefined && data.template !== template)) return null;
  if (data.upToDate)
    return (
      <Alert severity="success" variant="outlined" sx={{ my: 1 }} action={<UpdatesButton count={0} />}>
        {translate('resources.templates.upstream.upToDate', {
          template: data.template,
          version: data.baseVersion,
        })}
      </Alert>
    );
  return (
    <Alert
      severity="warning"
      sx={{ my: 1 }}
      action={<UpdatesButton count={data.upstreamChanges.length} variant="contained" />}
    >
      {translate('resources.templates.upstream.behind', {
        template: data.template,
        latest: data.latestVersion,
        base: data.baseVersion,
      })}
    </Alert>
  );
}
