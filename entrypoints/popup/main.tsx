import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PopupApp } from '@/components/popup/PopupApp';
import '@/components/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from popup.html');
createRoot(root).render(
  <StrictMode>
    <PopupApp />
  </StrictMode>,
);
