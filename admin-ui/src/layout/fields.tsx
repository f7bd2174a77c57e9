/** Fields several screens show the same way: dates in the console's language, names, roles, status. */
import { Box, Chip, Typography } from '@mui/material';
import { DateField, FunctionField, useLocaleState, useTranslate, type RaRecord } from 'react-admin';

export function LocalDateField({ source, label }: { source: string; label?: string }) {
  const [locale] = useLocaleState();
  return (
    <DateField
      source={source}
      label={label}
      showTime
      locales={locale === 'da' ? 'da-DK' : 'en-GB'}
      options={{ dateStyle: 'medium', timeStyle: 'short' }}
      sx={{ whiteSpace: 'nowrap' }}
    />
  );
}

/** A list's narrow date column: the day on one line, the time under it. */
export function DayAndTime({ iso }: { iso: string | null | undefined }) {
  const [locale] = useLocaleState();
  if (!iso) return null;
  const d = new Date(iso);
  const loc = locale === 'da' ? 'da-DK' : 'en-GB';
  return (
    <Box sx={{ whiteSpace: 'nowrap' }}>
      <Typography variant="body2">{d.toLocaleDateString(loc, { dateStyle: 'medium' })}</Typography>
      <Typography variant="caption" color="text.secondary">
        {d.toLocaleTimeString(loc, { timeStyle: 'short' })}
      </Typography>
    </Box>
  );
}

/** A name cut to the column (whole in its tooltip) with its identifier under it: a supplier. */
export function NameAndId({ name, id }: { name: string | null | undefined; id: string }) {
  return (
    <Box sx={{ maxWidth: 150 }}>
      <Typography variant="body2" noWrap title={name ?? undefined}>
        {name ?? id}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {id}
      </Typography>
    </Box>
  );
}

export function RoleField({ source = 'role', label }: { source?: string; label?: string }) {
  const translate = useTranslate();
  return (
    <FunctionField
      source={source}
      label={label}
      render={(r: RaRecord) => translate(`roles.${String(r[source])}`)}
    />
  );
}

/** Aktiv / Deaktiveret / Tilbagekaldt, from a boolean field. */
export function StatusField({
  source,
  off,
  label,
}: {
  source: string;
  off: 'disabled' | 'revoked';
  label?: string;
}) {
  const translate = useTranslate();
  return (
    <FunctionField
      source={source}
      label={label}
      sortable={false}
      render={(r: RaRecord) =>
        r[source] ? (
          <Chip size="small" label={translate(`app.status.${off}`)} />
        ) : (
          <Chip size="small" color="success" variant="outlined" label={translate('app.status.active')} />
        )
      }
    />
  );
}

/** `{id, name}` choices whose names are i18n keys `roles.<id>` (SelectInput translates them). */
export const roleChoices = (roles: readonly string[]) => roles.map((id) => ({ id, name: `roles.${id}` }));
