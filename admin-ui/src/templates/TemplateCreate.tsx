/**
 * Share one of the municipality's published versions as a template (POST /templates {id, name,
 * municipality, version}) — a new template, or the next version of one the municipality owns.
 */
import { Alert } from '@mui/material';
import {
  Create,
  SelectInput,
  SimpleForm,
  TextInput,
  maxLength,
  regex,
  required,
  useGetList,
  HttpError,
  useLocaleState,
  useNotify,
  useRedirect,
  useTranslate,
  type RaRecord,
} from 'react-admin';
import { useAccess } from './access';

interface PublishedVersion extends RaRecord {
  version: number;
  comment: string | null;
  effectiveFrom: string;
}

function VersionInput() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data, isPending } = useGetList<PublishedVersion>('ruleset/versions', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'version', order: 'DESC' },
  });
  const date = (iso: string) =>
    new Date(iso).toLocaleDateString(locale === 'da' ? 'da-DK' : 'en-GB', { dateStyle: 'medium' });
  if (!isPending && data?.length === 0)
    return <Alert severity="info">{translate('resources.templates.share.noVersions')}</Alert>;
  return (
    <SelectInput
      source="version"
      label="resources.templates.fields.municipalityVersion"
      isPending={isPending}
      choices={(data ?? []).map((v) => ({
        id: v.version,
        name: `v${v.version} · ${date(v.effectiveFrom)}${v.comment ? ` · ${v.comment}` : ''}`,
      }))}
      validate={required()}
      helperText="resources.templates.share.helpVersion"
    />
  );
}

export default function TemplateCreate() {
  const { municipality } = useAccess();
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Create
      transform={(data: Record<string, unknown>) => ({
        ...data,
        municipality,
        ...(data.comment ? {} : { comment: undefined }),
      })}
      mutationOptions={{
        onSuccess: (data: RaRecord & { name: string; version: { version: number } }) => {
          notify('resources.templates.share.done', {
            type: 'success',
            messageArgs: { name: data.name, version: data.version.version },
          });
          redirect('show', 'templates', data.id);
        },
        onError: (err: unknown) => {
          if (err instanceof HttpError && err.status === 409)
            notify('resources.templates.publish.identical', { type: 'warning' });
          else notify((err as Error).message, { type: 'error', messageArgs: { _: (err as Error).message } });
        },
      }}
    >
      <SimpleForm sx={{ maxWidth: 720 }}>
        <VersionInput />
        <TextInput
          source="id"
          validate={[
            required(),
            maxLength(63),
            regex(/^[a-z0-9][a-z0-9-]*$/, 'resources.templates.share.helpId'),
          ]}
          helperText="resources.templates.share.helpId"
        />
        <TextInput source="name" validate={[required(), maxLength(200)]} />
        <TextInput source="comment" label="resources.templates.fork.comment" multiline />
      </SimpleForm>
    </Create>
  );
}
