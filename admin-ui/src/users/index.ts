/** Brugere: a municipality's console users (GET/POST/PATCH /municipalities/:m/users). */
import { lazy } from 'react';
import PeopleIcon from '@mui/icons-material/People';
import type { ResourceDefinition } from '../resources';

const users: ResourceDefinition = {
  list: lazy(() => import('./UserList')),
  create: lazy(() => import('./UserCreate')),
  edit: lazy(() => import('./UserEdit')),
  icon: PeopleIcon,
  recordRepresentation: 'username',
};
export default users;
