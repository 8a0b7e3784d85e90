import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PanelApp } from '@/components/PanelApp';
import '@/components/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from panel.html');
createRoot(root).render(
  <StrictMode>
    <PanelApp />
  </StrictMode>,
);
