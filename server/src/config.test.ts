import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('has defaults that run Abri on embedded PostgreSQL at port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir.endsWith('data')).toBe(true);
    expect(config.tls).toBe(false);
  });

  it('stops with a message naming the variable when a value is bad', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT="eighty"/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL=.*postgres:\/\//);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/);
  });

  it('turns on TLS behaviour when the public address is https', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://abri.example.org' }).tls).toBe(true);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).port).toBe(3000);
  });

  it('anchors the audit trail in DATA_DIR by default, elsewhere, to syslog, or nowhere', () => {
    expect(loadConfig({ DATA_DIR: '/srv/abri' }).auditAnchorFile).toBe('/srv/abri/audit-anchor.log');
    expect(loadConfig({ DATA_DIR: ':memory:' }).auditAnchorFile).toBeUndefined();
    expect(loadConfig({ AUDIT_ANCHOR_FILE: '/var/log/abri/anchor.log' }).auditAnchorFile).toBe(
      '/var/log/abri/anchor.log',
    );
    expect(loadConfig({ AUDIT_ANCHOR_FILE: 'off' }).auditAnchorFile).toBeUndefined();
    expect(loadConfig({ AUDIT_ANCHOR_SYSLOG: 'udp://[::1]:514' }).auditAnchorSyslog).toBe('udp://[::1]:514');
    expect(() => loadConfig({ AUDIT_ANCHOR_SYSLOG: 'tcp://logs:514' })).toThrow(
      /AUDIT_ANCHOR_SYSLOG=.*udp:\/\//,
    );
  });
});
