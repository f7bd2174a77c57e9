import {
  Create,
  PasswordInput,
  SelectInput,
  SimpleForm,
  TextInput,
  minLength,
  regex,
  required,
} from 'react-admin';
import { roleChoices } from '../layout/fields';
import { USER_ROLES } from './roles';

export default function UserCreate() {
  return (
    <Create redirect="list" mutationMode="pessimistic">
      <SimpleForm sx={{ maxWidth: 640 }}>
        <TextInput
          source="username"
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
          autoComplete="new-password"
          validate={[required(), minLength(10)]}
          helperText="resources.users.helper.password"
        />
        <SelectInput source="role" choices={roleChoices(USER_ROLES)} validate={required()} />
        <TextInput source="comment" multiline />
      </SimpleForm>
    </Create>
  );
}
