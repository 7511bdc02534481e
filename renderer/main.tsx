import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The shared stylesheet first: feature stylesheets, imported by their components, come after
// it and win ties, as their narrower scope intends.
import './styles.css';
import { App } from './features/app/App';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
