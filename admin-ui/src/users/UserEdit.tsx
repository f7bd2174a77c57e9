import {
  BooleanInput,
  Edit,
  PasswordInput,
  SelectInput,
  SimpleForm,
  TextInput,
  minLength,
} from 'react-admin';
import { roleChoices } from '../layout/fields';
import { USER_ROLES } from './roles';

/** Drops an empty password: only a typed one is a reset. */
const transform = (data: Record<string, unknown>) => {
  const { newPassword, ...rest } = data;
  return newPassword ? { ...rest, password: newPassword } : rest;
};

export default function UserEdit() {
  return (
    <Edit mutationMode="pessimistic" transform={transform} redirect="list">
      <SimpleForm sx={{ maxWidth: 640 }}>
        <TextInput source="username" disabled />
        <SelectInput source="role" choices={roleChoices(USER_ROLES)} />
        <BooleanInput source="disabled" helperText="resources.users.helper.disabled" />
        <PasswordInput
          source="newPassword"
          autoComplete="new-password"
          validate={minLength(10)}
          helperText="resources.users.helper.newPassword"
        />
        <TextInput source="comment" multiline />
      </SimpleForm>
    </Edit>
  );
}
