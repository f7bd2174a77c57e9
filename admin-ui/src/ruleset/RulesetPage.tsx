/** /ruleset → the overview; /ruleset/draft → the draft editor (lazy: grids, builder, code view). */
import { lazy, Suspense } from 'react';
import { Loading } from 'react-admin';
import { Route, Routes } from 'react-router-dom';
import Overview from './Overview';

const DraftEditor = lazy(() => import('./DraftEditor'));

export default function RulesetPage() {
  return (
    <Routes>
      <Route index element={<Overview />} />
      <Route
        path="draft"
        element={
          <Suspense fallback={<Loading />}>
            <DraftEditor />
          </Suspense>
        }
      />
    </Routes>
  );
}
