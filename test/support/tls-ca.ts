/**
 * Certificates a test generates for itself: a root CA, an intermediate signed by it, and
 * server certificates signed by the intermediate — the shape of a corporate HTTPS proxy
 * (or a real public CA). Nothing here touches the machine's certificate store.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface TestCa {
  /** The root certificate (PEM): what a seller would add as the CA file. */
  rootPem: string;
  /** The intermediate certificate (PEM), sent by the server along with its own. */
  intermediatePem: string;
  /** Issues a server certificate for the names given (IP addresses and DNS names). */
  issue(names?: { ips?: string[]; dns?: string[] }): Promise<ServerCert>;
  /** Writes the root to `dir/<file>` and answers the path. */
  writeRoot(dir: string, file?: string): Promise<string>;
}

export interface ServerCert {
  key: string;
  /** Leaf then intermediate: the chain the server presents. */
  cert: string;
}

const keyOpts = { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' } as const;
const days = (n: number) => new Date(Date.now() + n * 86_400_000);

export async function createTestCa(name = 'FlipSync Test'): Promise<TestCa> {
  const root = await generate([{ name: 'commonName', value: `${name} Root CA` }], {
    ...keyOpts,
    notBeforeDate: days(-1),
    notAfterDate: days(30),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const intermediate = await generate([{ name: 'commonName', value: `${name} Intermediate CA` }], {
    ...keyOpts,
    notBeforeDate: days(-1),
    notAfterDate: days(30),
    ca: { key: root.private, cert: root.cert },
    extensions: [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });

  return {
    rootPem: root.cert,
    intermediatePem: intermediate.cert,
    async issue({ ips = ['127.0.0.1'], dns = ['localhost'] } = {}) {
      const leaf = await generate([{ name: 'commonName', value: dns[0] ?? ips[0] ?? 'server' }], {
        ...keyOpts,
        notBeforeDate: days(-1),
        notAfterDate: days(30),
        ca: { key: intermediate.private, cert: intermediate.cert },
        extensions: [
          { name: 'basicConstraints', cA: false, critical: true },
          { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
          { name: 'extKeyUsage', serverAuth: true },
          {
            name: 'subjectAltName',
            altNames: [
              ...dns.map((value) => ({ type: 2 as const, value })),
              ...ips.map((ip) => ({ type: 7 as const, ip })),
            ],
          },
        ],
      });
      return { key: leaf.private, cert: `${leaf.cert.trim()}\n${intermediate.cert.trim()}\n` };
    },
    async writeRoot(dir, file = 'test-root-ca.pem') {
      const target = path.join(dir, file);
      await writeFile(target, root.cert);
      return target;
    },
  };
}
