// The removal checker against real HTTP servers on 127.0.0.1, reached through `resolve` overrides as staging
// does: each outcome from real answers, the SSRF rule on every hop (no connection is made to a refused
// address), the deadline and the byte limit, and the HOTLINE_FETCH_RESOLVE parser.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LookupDns } from './hosting.ts';
import {
  checkRemoval,
  type Fingerprint,
  isPublicAddress,
  parseResolveOverrides,
  type RemovalCheckPolicy,
} from './removal-check.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Site {
  port: number;
  /** The URL of `path` on this server under `host`, which the test's `resolve` points at 127.0.0.1. */
  url: (path: string, host?: string) => string;
  requests: IncomingMessage[];
  connections: number;
  open: number;
}

const servers: Server[] = [];
const noDns = vi.fn<LookupDns>(async () => {
  throw new Error('the test resolves every name through overrides');
});

afterEach(async () => {
  noDns.mockClear();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

async function serve(handler: Handler, server: Server = createServer()): Promise<Site> {
  const site: Site = { port: 0, url: () => '', requests: [], connections: 0, open: 0 };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    site.requests.push(req);
    handler(req, res);
  });
  // Counted before any TLS or HTTP: a refused address must not even be connected to.
  server.on('connection', (socket) => {
    site.connections += 1;
    site.open += 1;
    socket.on('close', () => {
      site.open -= 1;
    });
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  site.port = (server.address() as AddressInfo).port;
  const scheme = server instanceof HttpsServer ? 'https' : 'http';
  site.url = (path, host = 'takedown.example') => `${scheme}://${host}:${site.port}${path}`;
  return site;
}

/** Answers every request with `status`, `type` and `body`, read from the getter at each request. */
const answer =
  (
    current: () => {
      status?: number;
      type?: string;
      body?: string | Buffer;
      headers?: Record<string, string>;
    },
  ) =>
  (_req: IncomingMessage, res: ServerResponse) => {
    const { status = 200, type = 'text/html; charset=utf-8', body = '', headers = {} } = current();
    res.writeHead(status, { 'content-type': type, ...headers });
    res.end(body);
  };

const policy = (extra: Partial<RemovalCheckPolicy> = {}): RemovalCheckPolicy => ({
  lookupDns: noDns,
  resolve: new Map([['takedown.example', ['127.0.0.1']]]),
  timeoutMs: 5_000,
  ...extra,
});

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

async function firstCheck(url: string, extra?: Partial<RemovalCheckPolicy>): Promise<Fingerprint> {
  const first = await checkRemoval(url, null, policy(extra));
  expect(first.outcome).toBe('up');
  return first.fingerprint!;
}

describe('checkRemoval: outcomes', () => {
  it('gives the fingerprint of a first check that answers 200, which is up', async () => {
    const site = await serve(answer(() => ({ body: '<p>reported</p>' })));
    const result = await checkRemoval(site.url('/page?id=7#top'), null, policy());
    expect(result).toEqual({
      outcome: 'up',
      httpStatus: 200,
      detail: 'HTTP 200 OK: first check, 15 bytes of text/html',
      fingerprint: {
        status: 200,
        contentType: 'text/html',
        sha256: sha256('<p>reported</p>'),
        length: 15,
        media: false,
      },
    });
    expect(site.requests[0]?.url).toBe('/page?id=7');
  });

  it('is up while the same content is served', async () => {
    const site = await serve(answer(() => ({ body: '<p>reported</p>' })));
    const baseline = await firstCheck(site.url('/page'));
    const result = await checkRemoval(site.url('/page'), baseline, policy());
    expect(result).toMatchObject({ outcome: 'up', httpStatus: 200 });
    expect(result.detail).toBe('HTTP 200 OK: same content as the first check');
  });

  it.each([
    [404, 'HTTP 404 Not Found'],
    [410, 'HTTP 410 Gone'],
    [451, 'HTTP 451 Unavailable For Legal Reasons'],
  ])('counts %i as removed', async (status, detail) => {
    let now = { status: 200, body: 'content' };
    const site = await serve(answer(() => now));
    const baseline = await firstCheck(site.url('/page'));
    now = { status, body: 'gone' };
    const result = await checkRemoval(site.url('/page'), baseline, policy());
    expect(result).toEqual({ outcome: 'removed', httpStatus: status, detail, fingerprint: null });
  });

  it('counts a media file whose bytes were replaced as removed', async () => {
    let now = { type: 'image/jpeg', body: Buffer.from([0xff, 0xd8, 0xff, 1, 2, 3]) };
    const site = await serve(answer(() => now));
    const baseline = await firstCheck(site.url('/a.jpg'));
    expect(baseline.media).toBe(true);
    now = { type: 'image/jpeg', body: Buffer.from([0xff, 0xd8, 0xff, 9, 9, 9]) };
    const result = await checkRemoval(site.url('/a.jpg'), baseline, policy());
    expect(result.outcome).toBe('removed');
    expect(result.detail).toBe('HTTP 200 OK: the file is no longer the one reported (now other bytes)');
    expect(result.fingerprint?.sha256).toBe(sha256(now.body));
  });

  it('counts a media file replaced by an HTML page as removed', async () => {
    let now: { type: string; body: string | Buffer } = {
      type: 'application/octet-stream',
      body: Buffer.from('video bytes'),
    };
    const site = await serve(answer(() => now));
    const baseline = await firstCheck(site.url('/v.bin'));
    expect(baseline.media).toBe(true);
    now = { type: 'text/html', body: '<h1>This file was removed</h1>' };
    const result = await checkRemoval(site.url('/v.bin'), baseline, policy());
    expect(result.outcome).toBe('removed');
    expect(result.detail).toContain('now a text/html page');
  });

  it('is up while a media file keeps its bytes', async () => {
    const site = await serve(answer(() => ({ type: 'video/mp4', body: Buffer.from('same video') })));
    const baseline = await firstCheck(site.url('/v.mp4'));
    expect((await checkRemoval(site.url('/v.mp4'), baseline, policy())).outcome).toBe('up');
  });

  it('reports an HTML page that differs from the first check as changed, for the analyst to look', async () => {
    let body = '<p>reported</p><p>3 comments</p>';
    const site = await serve(answer(() => ({ body })));
    const baseline = await firstCheck(site.url('/page'));
    body = '<p>reported</p><p>4 comments</p>';
    const result = await checkRemoval(site.url('/page'), baseline, policy());
    expect(result).toMatchObject({ outcome: 'changed', httpStatus: 200 });
    expect(result.detail).toBe('HTTP 200 OK: the page differs from the first check');
  });

  it.each([401, 403, 429])(
    'counts %i as up: access is restricted, nothing says the content is gone',
    async (status) => {
      const site = await serve(answer(() => ({ status })));
      const result = await checkRemoval(site.url('/page'), null, policy());
      expect(result).toMatchObject({ outcome: 'up', httpStatus: status, fingerprint: null });
      expect(result.detail).toContain('access restricted');
    },
  );

  it.each([500, 503])('counts %i as unreachable', async (status) => {
    const site = await serve(answer(() => ({ status })));
    const result = await checkRemoval(site.url('/page'), null, policy());
    expect(result).toMatchObject({ outcome: 'unreachable', httpStatus: status, fingerprint: null });
  });

  it('sends a plain GET: its own user agent, Accept */*, the Host of the URL, no cookie', async () => {
    const site = await serve((req, res) => {
      if (req.url === '/start') {
        res.writeHead(302, { location: '/page', 'set-cookie': 'session=1' }).end();
      } else {
        res.end('ok');
      }
    });
    await checkRemoval(site.url('/start'), null, policy());
    expect(site.requests).toHaveLength(2);
    for (const req of site.requests) {
      expect(req.method).toBe('GET');
      expect(req.headers).toMatchObject({
        host: `takedown.example:${site.port}`,
        'user-agent': 'Abri-removal-check/1.0 (+hotline takedown verification)',
        accept: '*/*',
      });
      expect(req.headers.cookie).toBeUndefined();
    }
  });

  it('matches override names without regard to case', async () => {
    const site = await serve(answer(() => ({ body: 'ok' })));
    const result = await checkRemoval(site.url('/', 'TakeDown.Example'), null, policy());
    expect(result.outcome).toBe('up');
  });
});

describe('checkRemoval: limits', () => {
  it('reads at most maxBytes, hashes what it read and closes the connection', async () => {
    const body = Buffer.alloc(100_000, 'a');
    // A body that never ends: only closing the connection ends this check and this test.
    const site = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(body);
    });
    const result = await checkRemoval(site.url('/big.png'), null, policy({ maxBytes: 1000 }));
    expect(result.outcome).toBe('up');
    expect(result.fingerprint).toMatchObject({ length: 1000, sha256: sha256(body.subarray(0, 1000)) });
    await vi.waitFor(() => expect(site.open).toBe(0));
  });

  it('judges an error page by its status, without waiting for its body', async () => {
    const site = await serve((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.write('<h1>Not found</h1>');
    });
    const result = await checkRemoval(site.url('/page'), null, policy());
    expect(result).toMatchObject({ outcome: 'removed', httpStatus: 404 });
    await vi.waitFor(() => expect(site.open).toBe(0));
  });

  it('gives up on a server that never answers, and closes the connection', async () => {
    const site = await serve(() => {});
    const result = await checkRemoval(site.url('/page'), null, policy({ timeoutMs: 300 }));
    expect(result).toEqual({
      outcome: 'unreachable',
      httpStatus: null,
      detail: 'timed out after 300 ms',
      fingerprint: null,
    });
    await vi.waitFor(() => expect(site.open).toBe(0));
  });

  it('gives up on a body that never ends', async () => {
    const site = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>start');
    });
    const result = await checkRemoval(site.url('/page'), null, policy({ timeoutMs: 300 }));
    expect(result.outcome).toBe('unreachable');
    expect(result.detail).toBe('timed out after 300 ms');
    await vi.waitFor(() => expect(site.open).toBe(0));
  });

  it('gives up on DNS that never answers', async () => {
    const result = await checkRemoval('http://slow.example/', null, {
      lookupDns: () => new Promise(() => {}),
      timeoutMs: 300,
    });
    expect(result).toMatchObject({ outcome: 'unreachable', detail: 'timed out after 300 ms' });
  });

  it('counts a body cut short by the server as unreachable', async () => {
    const site = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '1000' });
      res.write('<p>only part', () => req.socket.destroy());
    });
    const result = await checkRemoval(site.url('/page'), null, policy());
    expect(result).toMatchObject({ outcome: 'unreachable', httpStatus: null, fingerprint: null });
  });

  it('counts a refused connection as unreachable', async () => {
    const site = await serve(() => {});
    const closed = servers.pop()!;
    await new Promise((done) => closed.close(done));
    const result = await checkRemoval(site.url('/page'), null, policy());
    expect(result).toEqual({
      outcome: 'unreachable',
      httpStatus: null,
      detail: 'connection refused',
      fingerprint: null,
    });
  });

  it('tries the next address when one refuses the connection', async () => {
    const site = await serve(answer(() => ({ body: 'ok' })));
    // The server listens on 127.0.0.1 only: ::1 refuses (or is unreachable without IPv6).
    const resolve = new Map([['takedown.example', ['::1', '127.0.0.1']]]);
    const result = await checkRemoval(site.url('/page'), null, policy({ resolve }));
    expect(result.outcome).toBe('up');
  });
});

describe('checkRemoval: redirects', () => {
  it('follows a relative redirect and judges the final answer', async () => {
    const site = await serve((req, res) => {
      if (req.url === '/old') res.writeHead(301, { location: 'new?x=1' }).end();
      else res.end(`at ${req.url}`);
    });
    const result = await checkRemoval(site.url('/old'), null, policy());
    expect(result.outcome).toBe('up');
    expect(site.requests.map((req) => req.url)).toEqual(['/old', '/new?x=1']);
    expect(result.detail).toContain(`(after 1 redirect, at ${site.url('/new?x=1')})`);
  });

  it('counts a redirect to a 404 as removed', async () => {
    const site = await serve((req, res) => {
      if (req.url === '/item/7') res.writeHead(302, { location: '/not-found' }).end();
      else res.writeHead(404).end();
    });
    const result = await checkRemoval(site.url('/item/7'), null, policy());
    expect(result).toMatchObject({ outcome: 'removed', httpStatus: 404 });
    expect(result.detail).toBe(`HTTP 404 Not Found (after 1 redirect, at ${site.url('/not-found')})`);
  });

  it('follows a redirect to another host, through its own override', async () => {
    const target = await serve(answer(() => ({ status: 410 })));
    const site = await serve((_req, res) => {
      res.writeHead(307, { location: target.url('/file', 'cdn.example') }).end();
    });
    const resolve = new Map([
      ['takedown.example', ['127.0.0.1']],
      ['cdn.example', ['127.0.0.1']],
    ]);
    const result = await checkRemoval(site.url('/file'), null, policy({ resolve }));
    expect(result).toMatchObject({ outcome: 'removed', httpStatus: 410 });
    expect(target.requests[0]?.headers.host).toBe(`cdn.example:${target.port}`);
  });

  it('counts a redirect loop as unreachable', async () => {
    const site = await serve((req, res) => {
      res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a' }).end();
    });
    const result = await checkRemoval(site.url('/a'), null, policy());
    expect(result).toMatchObject({ outcome: 'unreachable', httpStatus: 302 });
    expect(result.detail).toBe(`redirect loop back to ${site.url('/a')}`);
  });

  it('stops after maxRedirects', async () => {
    const site = await serve((req, res) => {
      res.writeHead(302, { location: `${req.url}x` }).end();
    });
    const result = await checkRemoval(site.url('/r'), null, policy({ maxRedirects: 2 }));
    expect(result).toMatchObject({ outcome: 'unreachable', detail: 'too many redirects (more than 2)' });
    expect(site.requests).toHaveLength(3);
  });

  it('refuses a redirect to a host that resolves to a private address, without connecting to it', async () => {
    const internal = await serve(answer(() => ({ body: 'admin panel' })));
    const site = await serve((_req, res) => {
      res.writeHead(302, { location: internal.url('/admin', 'internal.example') }).end();
    });
    const lookupDns = vi.fn<LookupDns>(async () => ['127.0.0.1']);
    const result = await checkRemoval(site.url('/page'), null, policy({ lookupDns }));
    expect(result).toEqual({
      outcome: 'refused',
      httpStatus: null,
      detail: 'internal.example resolves to a private address (127.0.0.1): not fetched',
      fingerprint: null,
    });
    expect(lookupDns).toHaveBeenCalledWith('internal.example');
    expect(internal.connections).toBe(0);
  });

  it('refuses a redirect to another scheme', async () => {
    const site = await serve((_req, res) => {
      res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    });
    const result = await checkRemoval(site.url('/page'), null, policy());
    expect(result).toMatchObject({ outcome: 'refused', detail: 'redirects to a file: URL: not fetched' });
  });
});

describe('checkRemoval: addresses', () => {
  it.each([
    [['127.0.0.1'], '127.0.0.1'],
    [['10.0.0.5'], '10.0.0.5'],
    [['::1'], '::1'],
    [['::ffff:127.0.0.1'], '::ffff:127.0.0.1'],
    [['93.184.215.14', '127.0.0.1'], '127.0.0.1'],
    [['2606:2800:21f:cb07:6820:80da:af6b:8b2c', '169.254.169.254'], '169.254.169.254'],
  ])('refuses a name that DNS resolves to %j, and connects nowhere', async (ips, blocked) => {
    const site = await serve(answer(() => ({ body: 'ok' })));
    const result = await checkRemoval(site.url('/page', 'rebind.example'), null, {
      lookupDns: async () => ips,
      timeoutMs: 300,
    });
    expect(result).toEqual({
      outcome: 'refused',
      httpStatus: null,
      detail: `rebind.example resolves to a private address (${blocked}): not fetched`,
      fingerprint: null,
    });
    expect(site.connections).toBe(0);
  });

  it('refuses a private IP address in the URL without an override', async () => {
    const site = await serve(answer(() => ({ body: 'ok' })));
    const result = await checkRemoval(site.url('/page', '127.0.0.1'), null, { lookupDns: noDns });
    expect(result).toMatchObject({
      outcome: 'refused',
      detail: '127.0.0.1 is a private address: not fetched',
    });
    expect(site.connections).toBe(0);
  });

  it('counts DNS that fails or finds nothing as unreachable', async () => {
    const failing: LookupDns[] = [
      async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND gone.example'), { code: 'ENOTFOUND' });
      },
      async () => [],
      () => {
        throw new Error('a resolver that throws instead of rejecting');
      },
    ];
    for (const lookupDns of failing) {
      const result = await checkRemoval('http://gone.example/page', null, { lookupDns });
      expect(result).toEqual({
        outcome: 'unreachable',
        httpStatus: null,
        detail: 'DNS did not resolve gone.example',
        fingerprint: null,
      });
    }
  });

  it.each(['ftp://takedown.example/file', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url'])(
    'refuses %s without fetching',
    async (url) => {
      const result = await checkRemoval(url, null, policy());
      expect(result).toMatchObject({ outcome: 'refused', httpStatus: null, fingerprint: null });
      expect(noDns).not.toHaveBeenCalled();
    },
  );
});

describe('isPublicAddress', () => {
  it.each(['93.184.215.14', '8.8.8.8', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '2a00:1450:4007:80e::200e'])(
    'accepts %s',
    (ip) => expect(isPublicAddress(ip)).toBe(true),
  );

  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '100.64.0.1',
    '169.254.169.254',
    '0.0.0.0',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    '::ffff:8.8.8.8',
    '2001:db8::1',
    '010.0.0.1',
    'fe80::1%eth0',
    'example.com',
  ])('refuses %s', (ip) => expect(isPublicAddress(ip)).toBe(false));
});

describe('checkRemoval over HTTPS', () => {
  let openssl = true;
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
  } catch {
    openssl = false;
  }

  it.skipIf(!openssl)('refuses a self-signed certificate, after sending the name as SNI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'abri-removal-check-'));
    try {
      const [keyFile, certFile] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
      execFileSync(
        'openssl',
        ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
          .concat(['-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=takedown.example'])
          .concat(['-addext', 'subjectAltName=DNS:takedown.example']),
        { stdio: 'ignore' },
      );
      const tls = { key: readFileSync(keyFile), cert: readFileSync(certFile) };
      const names: string[] = [];
      const server = createHttpsServer({
        ...tls,
        SNICallback: (name, done) => {
          names.push(name);
          done(null, createSecureContext(tls));
        },
      });
      const site = await serve(
        answer(() => ({ body: 'ok' })),
        server,
      );
      const result = await checkRemoval(site.url('/page'), null, policy());
      expect(result.outcome).toBe('unreachable');
      expect(result.detail).toMatch(/^TLS failed: self[- ]signed certificate/);
      expect(names).toEqual(['takedown.example']);
      expect(site.requests).toHaveLength(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('parseResolveOverrides', () => {
  it('reads entries separated by semicolons or whitespace', () => {
    const overrides = parseResolveOverrides(
      'takedown.example=127.0.0.1,::1; CDN.Example.=10.0.0.5\n  other.example = [::1] , 192.0.2.1 ',
    );
    expect(overrides).toEqual(
      new Map([
        ['takedown.example', ['127.0.0.1', '::1']],
        ['cdn.example', ['10.0.0.5']],
        ['other.example', ['::1', '192.0.2.1']],
      ]),
    );
  });

  it('gives an empty map when unset or blank', () => {
    expect(parseResolveOverrides(undefined)).toEqual(new Map());
    expect(parseResolveOverrides('  ;  ')).toEqual(new Map());
  });

  it.each([
    ['takedown.example', /"takedown\.example" is not host=ip/],
    ['takedown.example=', /is not host=ip/],
    ['=127.0.0.1', /is not host=ip/],
    ['a.example=1.2.3.4=5.6.7.8', /is not host=ip/],
    ['a.example=127.0.0', /"127\.0\.0" in "a\.example=127\.0\.0" is not an IP address/],
    ['a.example=127.0.0.1,', /"" in .* is not an IP address/],
    ['a.example=localhost', /"localhost" .* is not an IP address/],
    ['a.example=1.2.3.4;A.example=5.6.7.8', /"a\.example" is listed twice/],
  ])('refuses %j', (text, message) => {
    expect(() => parseResolveOverrides(text)).toThrow(message);
  });
});
