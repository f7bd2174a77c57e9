import { ArrayInput, Create, SimpleForm, SimpleFormIterator, TextInput, regex, required } from 'react-admin';

export default function MunicipalityCreate() {
  return (
    <Create redirect="show" mutationMode="pessimistic">
      <SimpleForm sx={{ maxWidth: 640 }} defaultValues={{ eans: [''] }}>
        <TextInput
          source="id"
          validate={[required(), regex(/^[0-9]{3}$/, 'resources.municipalities.invalid.id')]}
          helperText="resources.municipalities.helper.id"
        />
        <TextInput source="name" validate={required()} />
        <ArrayInput source="eans">
          <SimpleFormIterator inline disableReordering>
            <TextInput
              source=""
              label="resources.municipalities.fields.ean"
              validate={[required(), regex(/^[0-9]{13}$/, 'resources.municipalities.invalid.ean')]}
              helperText="resources.municipalities.helper.ean"
            />
          </SimpleFormIterator>
        </ArrayInput>
        <TextInput source="comment" multiline />
      </SimpleForm>
    </Create>
  );
}
