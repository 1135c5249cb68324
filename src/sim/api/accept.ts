// Content negotiation: kubectl asks for Table output and for aggregated discovery through media-type
// parameters in Accept (`application/json;as=Table;v=v1;g=meta.k8s.io`).

interface MediaRange {
  readonly type: string;
  readonly params: Readonly<Record<string, string>>;
}

export function parseAccept(header: string | undefined): MediaRange[] {
  if (!header) return [];
  return header.split(',').map((part) => {
    const [type = '', ...params] = part.split(';').map((s) => s.trim());
    const record: Record<string, string> = {};
    for (const param of params) {
      const eq = param.indexOf('=');
      if (eq > 0) record[param.slice(0, eq).trim()] = param.slice(eq + 1).trim();
    }
    return { type: type.toLowerCase(), params: record };
  });
}

const jsonish = (type: string): boolean =>
  type === 'application/json' || type === '*/*' || type === 'application/*';

/** The meta.k8s.io version of Table the client asked for first, if any. */
export function tableVersion(header: string | undefined): 'v1' | 'v1beta1' | undefined {
  for (const range of parseAccept(header)) {
    const { as, g, v } = range.params;
    if (!jsonish(range.type) || as !== 'Table' || g !== 'meta.k8s.io') continue;
    if (v === 'v1' || v === 'v1beta1') return v;
  }
  return undefined;
}

/** Which aggregated discovery version the client accepts, in its order of preference. */
export function aggregatedDiscoveryVersion(header: string | undefined): 'v2' | 'v2beta1' | undefined {
  for (const range of parseAccept(header)) {
    const { as, g, v } = range.params;
    if (!jsonish(range.type) || as !== 'APIGroupDiscoveryList' || g !== 'apidiscovery.k8s.io') continue;
    if (v === 'v2' || v === 'v2beta1') return v;
  }
  return undefined;
}
