// Certificates made per run with openssl: a CA, the API server's serving certificate for 127.0.0.1 and
// localhost, and the service-account signing key. Nothing is reused between runs.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Certificates {
  readonly caCert: string;
  readonly caKey: string;
  readonly servingCert: string;
  readonly servingKey: string;
  readonly serviceAccountKey: string;
  /** The CA in PEM, for kubeconfigs and the harness's own requests. */
  readonly caPem: string;
}

function openssl(args: readonly string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

export function makeCertificates(dir: string): Certificates {
  const p = (name: string) => join(dir, name);
  openssl(['genrsa', '-out', p('ca.key'), '2048']);
  openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    p('ca.key'),
    '-subj',
    '/CN=fluxdeck-envtest-ca',
    '-days',
    '2',
    '-out',
    p('ca.crt'),
  ]);
  openssl(['genrsa', '-out', p('serving.key'), '2048']);
  openssl(['req', '-new', '-key', p('serving.key'), '-subj', '/CN=kube-apiserver', '-out', p('serving.csr')]);
  writeFileSync(
    p('serving.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n',
  );
  openssl([
    'x509',
    '-req',
    '-in',
    p('serving.csr'),
    '-CA',
    p('ca.crt'),
    '-CAkey',
    p('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    p('serving.ext'),
    '-out',
    p('serving.crt'),
  ]);
  openssl(['genrsa', '-out', p('sa.key'), '2048']);
  return {
    caCert: p('ca.crt'),
    caKey: p('ca.key'),
    servingCert: p('serving.crt'),
    servingKey: p('serving.key'),
    serviceAccountKey: p('sa.key'),
    caPem: readFileSync(p('ca.crt'), 'utf8'),
  };
}
