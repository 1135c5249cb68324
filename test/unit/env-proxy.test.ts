import { describe, expect, it } from 'vitest';
import { proxyFromEnvironment } from '../../src/kube/env-proxy.js';

const env = (vars: Record<string, string>) => vars as NodeJS.ProcessEnv;

describe('the proxy from the environment, as Go picks it', () => {
  it('uses HTTPS_PROXY for https servers and HTTP_PROXY for http ones, upper case first', () => {
    const vars = env({
      HTTPS_PROXY: 'proxy:3128',
      https_proxy: 'http://lower:1',
      HTTP_PROXY: 'http://plain:8080',
    });
    expect(proxyFromEnvironment('https://api.example.com:6443', vars)).toBe('http://proxy:3128');
    expect(proxyFromEnvironment('http://api.example.com', vars)).toBe('http://plain:8080');
    expect(proxyFromEnvironment('https://api.example.com', env({ https_proxy: 'socks5://s:1080' }))).toBe(
      'socks5://s:1080',
    );
    expect(proxyFromEnvironment('https://api.example.com', env({}))).toBeUndefined();
  });

  it('never proxies localhost or loopback addresses', () => {
    const vars = env({ HTTPS_PROXY: 'http://proxy:3128' });
    expect(proxyFromEnvironment('https://127.0.0.1:6443', vars)).toBeUndefined();
    expect(proxyFromEnvironment('https://localhost:6443', vars)).toBeUndefined();
    expect(proxyFromEnvironment('https://[::1]:6443', vars)).toBeUndefined();
  });

  it('honours NO_PROXY: *, domains, leading dots, ports, IPs and CIDR ranges', () => {
    const p = (server: string, noProxy: string) =>
      proxyFromEnvironment(server, env({ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: noProxy }));
    expect(p('https://api.example.com', '*')).toBeUndefined();
    expect(p('https://api.example.com', 'example.com')).toBeUndefined();
    expect(p('https://example.com', 'example.com')).toBeUndefined();
    expect(p('https://example.com', '.example.com')).toBe('http://proxy:3128');
    expect(p('https://api.example.com', '.example.com')).toBeUndefined();
    expect(p('https://api.example.com:6443', 'api.example.com:443')).toBe('http://proxy:3128');
    expect(p('https://api.example.com:6443', 'api.example.com:6443')).toBeUndefined();
    expect(p('https://10.1.2.3:6443', '10.0.0.0/8')).toBeUndefined();
    expect(p('https://11.1.2.3:6443', '10.0.0.0/8')).toBe('http://proxy:3128');
    expect(p('https://10.1.2.3:6443', 'other.com, 10.1.2.3')).toBeUndefined();
  });
});
