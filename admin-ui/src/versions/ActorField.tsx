/** "user:demo-admin" / "api-key:ERP" → the name (the kind is noise for a reader). */
import { FunctionField, type RaRecord } from 'react-admin';
import { actorName } from '../layout/actor';

export function ActorField({ source, label }: { source: string; label?: string }) {
  // a user name is one word: never broken at its hyphen (demo-admin)
  return (
    <FunctionField
      source={source}
      label={label}
      sx={{ whiteSpace: 'nowrap' }}
      render={(r: RaRecord) => actorName(r[source])}
    />
  );
}
