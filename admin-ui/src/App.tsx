/**
 * The console: react-admin over the Regelværk API. Screens come from resources.ts (resources
 * and custom pages, each with the permission it needs); the menu, canAccess and the landing page
 * all follow from that list and the permissions the server reports.
 */
import { Admin, CustomRoutes, Resource, localStorageStore } from 'react-admin';
import { Route } from 'react-router-dom';
import { authProvider } from './authProvider';
import { dataProvider } from './dataProvider';
import { createQueryClient } from './dataProvider/queryClient';
import { i18nProvider } from './i18n';
import { Layout } from './layout/Layout';
import { LoginPage } from './layout/LoginPage';
import { theme } from './layout/theme';
import { openEntries, type Principal } from './resources';

const store = localStorageStore(undefined, 'regelvaerk');
const queryClient = createQueryClient();

export function App() {
  return (
    <Admin
      title="Regelværk"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      layout={Layout}
      loginPage={LoginPage}
      theme={theme}
      store={store}
      queryClient={queryClient}
      requireAuth
      disableTelemetry
    >
      {(principal: Principal | undefined) => {
        // Only the screens the role may open exist for it: no route to fetch and be refused.
        const who = principal ?? { municipality: null, permissions: [] };
        const open = openEntries(who);
        return (
          <>
            {open.map((entry) =>
              entry.kind === 'resource' ? (
                <Resource key={entry.name} name={entry.name} {...entry.resource} />
              ) : null,
            )}
            <CustomRoutes>
              {open.map((entry) =>
                entry.kind === 'page' ? (
                  <Route key={entry.name} path={`/${entry.name}/*`} element={<entry.component />} />
                ) : null,
              )}
            </CustomRoutes>
          </>
        );
      }}
    </Admin>
  );
}
