// metadata.managedFields: server-side apply's record of which manager set which field. A real API server
// sends it on every object, often as much JSON as the rest of a Flux object; nothing in fluxdeck reads it
// and the YAML view hides it, as kubectl does. It is dropped as each list page and watch event arrives, so
// a list of 10,000 objects never holds 10,000 of them at once, nor does the store keep them.
import type { RawObject } from './port.js';

/** The object without metadata.managedFields (a copy; the same object when it has none). */
export function withoutManagedFields(raw: RawObject): RawObject {
  const metadata = raw['metadata'];
  if (typeof metadata !== 'object' || metadata === null || !Object.hasOwn(metadata, 'managedFields'))
    return raw;
  // A copy rather than `delete`: deleting a property that is not the last one added turns the object into
  // a slower, larger dictionary.
  const { managedFields: _dropped, ...kept } = metadata as Record<string, unknown>;
  return { ...raw, metadata: kept };
}
