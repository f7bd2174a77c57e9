/**
 * Skabeloner: the shared templates (GET /templates, global) — national ones like kp-standard and
 * municipalities' shared ones — their versions, forking one into the draft, sharing a published
 * version (create), *Opdateringer fra skabelonen* (templates/updates) and, for the platform
 * administrator, publishing a national template's next version (templates/:id/publish).
 */
import { createElement, lazy } from 'react';
import { Route } from 'react-router-dom';
import LibraryBooksIcon from '@mui/icons-material/LibraryBooks';
import type { ResourceDefinition } from '../resources';

const TemplateUpdates = lazy(() => import('./TemplateUpdates'));
const TemplatePublish = lazy(() => import('./TemplatePublish'));

const templates: ResourceDefinition = {
  list: lazy(() => import('./TemplateList')),
  show: lazy(() => import('./TemplateShow')),
  create: lazy(() => import('./TemplateCreate')),
  icon: LibraryBooksIcon,
  recordRepresentation: 'name',
  children: [
    createElement(Route, { key: 'updates', path: 'updates', element: createElement(TemplateUpdates) }),
    createElement(Route, { key: 'publish', path: ':id/publish', element: createElement(TemplatePublish) }),
  ],
};
export default templates;
