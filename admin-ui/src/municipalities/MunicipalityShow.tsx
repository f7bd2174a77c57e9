/** A municipality: its code, name and EANs, and its users (create the first administrator here). */
import { Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { Labeled, Show, SimpleShowLayout, TextField, useRecordContext, useTranslate } from 'react-admin';
import { LocalDateField } from '../layout/fields';
import { MunicipalityUsers } from './MunicipalityUsers';

function Eans() {
  const record = useRecordContext<{ eans: string[] }>();
  return (
    <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap">
      {(record?.eans ?? []).map((e) => (
        <Chip key={e} size="small" label={e} sx={{ fontFamily: 'monospace' }} />
      ))}
    </Stack>
  );
}

function Users() {
  const record = useRecordContext<{ id: string }>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Card variant="outlined" sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {translate('resources.municipalities.users.title')}
        </Typography>
        <MunicipalityUsers municipality={record.id} />
      </CardContent>
    </Card>
  );
}

export default function MunicipalityShow() {
  return (
    <Show actions={false}>
      <SimpleShowLayout>
        <TextField source="id" />
        <TextField source="name" />
        <Labeled source="eans">
          <Eans />
        </Labeled>
        <LocalDateField source="createdAt" />
        <Users />
      </SimpleShowLayout>
    </Show>
  );
}
