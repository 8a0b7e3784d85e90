import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DashboardApp } from '@/components/dashboard/DashboardApp';
import '@/components/styles.css';
import { call } from '@/utils/messaging/client';

// `wxt build --mode e2e` only; production builds drop this branch. The e2e tests drive the real client
// (request ids, retries) from the page, as the UI does, to stop the worker under it (tests/e2e/exactly-once).
if (import.meta.env.MODE === 'e2e') Object.assign(globalThis, { dmsCall: call });

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from dashboard.html');
createRoot(root).render(
  <StrictMode>
    <DashboardApp />
  </StrictMode>,
);
