// The proxy Go's http.ProxyFromEnvironment picks, which kubectl uses when the kubeconfig has no proxy-url:
// HTTPS_PROXY (or https_proxy) for https servers, HTTP_PROXY (http_proxy) for http ones, unless NO_PROXY
// (no_proxy) excludes the host. As in golang.org/x/net/http/httpproxy, localhost and loopback addresses
// never go through a proxy, a proxy without a scheme is http://, and NO_PROXY entries are `*`, IP addresses,
// CIDR ranges, host names (matching the host and its subdomains; a leading `.` matches subdomains only),
// each optionally with `:port`.
import { BlockList, isIP } from 'node:net';

function env(vars: NodeJS.ProcessEnv, upper: string): string {
  return vars[upper] || vars[upper.toLowerCase()] || '';
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

function excluded(host: string, port: string, noProxy: string): boolean {
  for (const raw of noProxy.split(',')) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      const [net, bits] = entry.split('/');
      const family = isIP(net ?? '');
      if (family !== 0 && isIP(host) === family) {
        const list = new BlockList();
        list.addSubnet(net ?? '', Number(bits), family === 4 ? 'ipv4' : 'ipv6');
        if (list.check(host, family === 4 ? 'ipv4' : 'ipv6')) return true;
      }
      continue;
    }
    let entryPort = '';
    const colon = entry.lastIndexOf(':');
    if (colon > 0 && !entry.includes(']') && isIP(entry) === 0) {
      entryPort = entry.slice(colon + 1);
      entry = entry.slice(0, colon);
    }
    entry = entry.replace(/^\[|\]$/g, '');
    if (entryPort !== '' && entryPort !== port) continue;
    if (isIP(entry) !== 0) {
      if (entry === host) return true;
      continue;
    }
    if (entry.startsWith('.')) {
      if (host.endsWith(entry)) return true;
      continue;
    }
    if (host === entry || host.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/** The proxy URL for `server` from the environment, or undefined for a direct connection. */
export function proxyFromEnvironment(server: string, vars: NodeJS.ProcessEnv): string | undefined {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isLoopback(host)) return undefined;
  const proxy = url.protocol === 'https:' ? env(vars, 'HTTPS_PROXY') : env(vars, 'HTTP_PROXY');
  if (proxy === '') return undefined;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if (excluded(host, port, env(vars, 'NO_PROXY'))) return undefined;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}
