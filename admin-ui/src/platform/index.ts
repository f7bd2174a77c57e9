/**
 * Oversigt for the platform administrator: the municipalities on the platform and the national
 * templates' state, over GET /platform/overview. A resource (not a page) so that it is that
 * role's landing page; its "list" is the page.
 */
import { lazy } from 'react';
import HubIcon from '@mui/icons-material/Hub';
import type { ResourceDefinition } from '../resources';

const platform: ResourceDefinition = {
  list: lazy(() => import('./PlatformOverview')),
  icon: HubIcon,
};
export default platform;
