/** Exactly the screens the role may open (resources.ts × the server's permissions), in order. */
import { Menu as RaMenu, useCanAccess, useTranslate } from 'react-admin';
import { CONSOLE, type ConsoleEntry } from '../resources';

function Item({ entry }: { entry: ConsoleEntry }) {
  const translate = useTranslate();
  const { canAccess, isPending } = useCanAccess({ resource: entry.name, action: 'list' });
  if (isPending || !canAccess) return null;
  const Icon = entry.kind === 'resource' ? entry.resource.icon : entry.icon;
  return (
    <RaMenu.Item to={`/${entry.name}`} primaryText={translate(`menu.${entry.menu}`)} leftIcon={<Icon />} />
  );
}

export function Menu() {
  return (
    <RaMenu>
      {CONSOLE.map((entry) => (
        <Item key={entry.name} entry={entry} />
      ))}
    </RaMenu>
  );
}
