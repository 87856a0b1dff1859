#!/usr/bin/env node
// `npm run dev`: the Braid server on :3000 and Vite's dev server on :5173 (hot reload, /api proxied).
import { spawn } from 'node:child_process';

const server = spawn(process.execPath, ['bin/braid.js', 'serve', '--seed-demo-if-empty'], {
  stdio: 'inherit',
  env: { ...process.env, BRAID_BASE_URL: process.env.BRAID_BASE_URL ?? 'http://localhost:5173' },
});
const vite = spawn('npx', ['vite'], { stdio: 'inherit' });
const stop = () => {
  server.kill('SIGTERM');
  vite.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', stop);
