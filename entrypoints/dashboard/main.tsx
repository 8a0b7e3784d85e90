import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DashboardApp } from '@/components/DashboardApp';
import '@/components/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from dashboard.html');
createRoot(root).render(
  <StrictMode>
    <DashboardApp />
  </StrictMode>,
);
