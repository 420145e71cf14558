// What the benchmarks share: a pause, a WebSocket opened or refused, a JSON POST that fails loudly, and the
// wait for a server child process to answer /readyz.
import type { ChildProcess } from 'node:child_process';
import WebSocket from 'ws';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function openSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers, perMessageDeflate: false });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** POSTs JSON; throws with the answer on anything but 2xx; gives the parsed body and the Set-Cookie header. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url}: ${response.status} ${text}`);
  return { body: text ? JSON.parse(text) : null, cookie: response.headers.get('set-cookie') };
}

/** Waits until the server at `base` answers /readyz (ms taken); throws if the child exits or after a minute. */
export async function waitReady(base: string, child: ChildProcess): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error(`server at ${base} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return performance.now() - started;
    } catch {
      // not yet
    }
    await sleep(100);
  }
  throw new Error(`server at ${base} did not start`);
}
