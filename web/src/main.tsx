import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n/index.ts';
import './ui/base.css';
import { App } from './app.tsx';

const root = document.getElementById('root');
if (root) {
  // Wait for the tab's language (English is fetched on demand) so the page does not flash in French.
  void i18nReady.then(() => {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  });
}
