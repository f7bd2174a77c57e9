import { useState } from 'react';
import { Create, SelectInput, SimpleForm, TextInput, required, useRedirect } from 'react-admin';
import { roleChoices } from '../layout/fields';
import { KeyDialog } from './KeyDialog';
import { API_KEY_ROLES } from './roles';

export default function ApiKeyCreate() {
  const [created, setCreated] = useState<string | null>(null);
  const redirect = useRedirect();
  return (
    <>
      <Create
        mutationMode="pessimistic"
        mutationOptions={{ onSuccess: (data) => setCreated(String(data.key)) }}
      >
        <SimpleForm defaultValues={{ role: 'integration' }} sx={{ maxWidth: 640 }}>
          <TextInput source="name" validate={required()} helperText="resources.api-keys.helper.name" />
          <SelectInput source="role" choices={roleChoices(API_KEY_ROLES)} validate={required()} />
          <TextInput source="comment" multiline />
        </SimpleForm>
      </Create>
      {created && <KeyDialog apiKey={created} onClose={() => redirect('list', 'api-keys')} />}
    </>
  );
}
