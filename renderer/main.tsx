import { StrictMode } from 'react';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import { createApi } from './api/client.js';
import { App } from './App.js';
import './styles.css';

// The contract's schemas load in the renderer too; without JIT zod never tries eval (blocked by the CSP).
z.config({ jitless: true });

const { api, ws } = createApi();
const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <App api={api} ws={ws} />
    </StrictMode>,
  );
