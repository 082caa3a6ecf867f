import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import * as net from 'node:net';

/** A moto server (the AWS emulator) on a free loopback port. */
export interface MotoServer {
  /** `http://127.0.0.1:PORT`: give it to clients as `AWS_ENDPOINT_URL`. */
  readonly endpoint: string;
  /** Clear every emulated resource (`POST /moto-api/reset`). */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function post(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Start `python3 -m moto.server -H 127.0.0.1 -p PORT` and wait until it answers. `accountId` sets
 * `MOTO_ACCOUNT_ID`, which makes every request that account; without it the account follows the credentials
 * (123456789012 for plain keys, the role's account for keys from sts:AssumeRole), so member accounts can be tested.
 */
export async function startMoto(options: { accountId?: string; timeoutMs?: number } = {}): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const env = { ...process.env };
  delete env.MOTO_ACCOUNT_ID;
  if (options.accountId) env.MOTO_ACCOUNT_ID = options.accountId;
  const child: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = `${stderr}${d.toString()}`.slice(-2000)));
  let exited = false;
  child.once('exit', () => (exited = true));

  const deadline = Date.now() + (options.timeoutMs ?? 20000);
  for (;;) {
    if (exited) throw new Error(`moto.server exited before it was ready:\n${stderr}`);
    try {
      if ((await post(`${endpoint}/moto-api/reset`)) === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`moto.server did not answer on ${endpoint} within ${options.timeoutMs ?? 20000} ms:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    endpoint,
    reset: async () => {
      const status = await post(`${endpoint}/moto-api/reset`);
      if (status !== 200) throw new Error(`moto reset answered HTTP ${status}`);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
