/**
 * A municipality's console users on its page (GET/POST /municipalities/:m/users, paginated by
 * the server), and the dialog that creates one — the platform administrator creates the first
 * administrator, who then creates the rest.
 */
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TablePagination,
  TableRow,
  Typography,
} from '@mui/material';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Form,
  HttpError,
  PasswordInput,
  SaveButton,
  SelectInput,
  TextInput,
  minLength,
  regex,
  required,
  useDataProvider,
  useNotify,
  useTranslate,
} from 'react-admin';
import { totalOf, type RegelvaerkDataProvider } from '../dataProvider';
import { roleChoices } from '../layout/fields';
import { useDateTime } from '../decisions/format';
import { USER_ROLES } from '../users/roles';

interface User {
  id: string;
  username: string;
  role: string;
  disabled: boolean;
  createdAt: string;
}

function CreateUserDialog({ municipality, onClose }: { municipality: string; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useDataProvider<RegelvaerkDataProvider>();
  const queryClient = useQueryClient();
  const submit = async (values: Record<string, unknown>) => {
    try {
      const { username, password, role } = values;
      await dataProvider.api('POST', `/municipalities/${municipality}/users`, { username, password, role });
    } catch (e) {
      if (e instanceof HttpError) {
        const errors = (e.body as { errors?: Record<string, string> } | undefined)?.errors;
        if (errors && Object.keys(errors).length) return errors;
        notify(e.message, { type: 'error' });
        return { username: e.message };
      }
      throw e;
    }
    notify('resources.municipalities.users.created', { messageArgs: { username: values.username } });
    await queryClient.invalidateQueries({ queryKey: ['municipality-users', municipality] });
    onClose();
    return undefined;
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="create-user-title">
      <Form onSubmit={submit} record={{ role: 'admin' }}>
        <DialogTitle id="create-user-title">{translate('resources.municipalities.users.create')}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('resources.municipalities.users.firstAdmin')}
          </Typography>
          <TextInput
            source="username"
            label="resources.users.fields.username"
            autoComplete="off"
            validate={[
              required(),
              minLength(2),
              regex(/^[a-z0-9][a-z0-9._@-]*$/, 'resources.users.helper.username'),
            ]}
            helperText="resources.users.helper.username"
          />
          <PasswordInput
            source="password"
            label="resources.users.fields.password"
            autoComplete="new-password"
            validate={[required(), minLength(10)]}
            helperText="resources.users.helper.password"
          />
          <SelectInput
            source="role"
            label="resources.users.fields.role"
            choices={roleChoices(USER_ROLES)}
            validate={required()}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{translate('ra.action.cancel')}</Button>
          <SaveButton alwaysEnable={false} />
        </DialogActions>
      </Form>
    </Dialog>
  );
}

export function MunicipalityUsers({ municipality }: { municipality: string }) {
  const translate = useTranslate();
  const dateTime = useDateTime();
  const dataProvider = useDataProvider<RegelvaerkDataProvider>();
  const [page, setPage] = useState(0);
  const [perPage, setPerPage] = useState(10);
  const [creating, setCreating] = useState(false);
  const { data, isPending, error } = useQuery({
    queryKey: ['municipality-users', municipality, page, perPage],
    queryFn: async ({ signal }) => {
      const res = await dataProvider.api<User[]>('GET', `/municipalities/${municipality}/users`, undefined, {
        query: {
          range: JSON.stringify([page * perPage, (page + 1) * perPage - 1]),
          sort: JSON.stringify(['username', 'ASC']),
        },
        signal,
      });
      return { rows: res.json, total: totalOf(res.headers, res.json.length) };
    },
  });
  return (
    <>
      <Button
        variant="contained"
        startIcon={<PersonAddIcon />}
        onClick={() => setCreating(true)}
        sx={{ mb: 1 }}
      >
        {translate('resources.municipalities.users.create')}
      </Button>
      {error ? (
        <Alert severity="error">{error instanceof Error ? error.message : String(error)}</Alert>
      ) : !isPending && data?.total === 0 ? (
        <Alert severity="info">{translate('resources.municipalities.users.empty')}</Alert>
      ) : (
        <>
          <Table size="small" aria-label={translate('resources.municipalities.users.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('resources.users.fields.username')}</TableCell>
                <TableCell>{translate('resources.users.fields.role')}</TableCell>
                <TableCell>{translate('resources.users.fields.status')}</TableCell>
                <TableCell>{translate('resources.users.fields.createdAt')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(data?.rows ?? []).map((u) => (
                <TableRow key={u.id}>
                  <TableCell>{u.username}</TableCell>
                  <TableCell>{translate(`roles.${u.role}`)}</TableCell>
                  <TableCell>{translate(`app.status.${u.disabled ? 'disabled' : 'active'}`)}</TableCell>
                  <TableCell>{dateTime(u.createdAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <TablePagination
            component="div"
            count={data?.total ?? 0}
            page={page}
            rowsPerPage={perPage}
            rowsPerPageOptions={[10, 25, 50]}
            onPageChange={(_, p) => setPage(p)}
            onRowsPerPageChange={(e) => {
              setPerPage(Number(e.target.value));
              setPage(0);
            }}
            labelRowsPerPage={translate('ra.navigation.page_rows_per_page')}
          />
        </>
      )}
      {creating && <CreateUserDialog municipality={municipality} onClose={() => setCreating(false)} />}
    </>
  );
}
