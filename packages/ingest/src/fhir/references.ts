const TYPE_ID = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;

/**
 * Normalizes a FHIR reference to `Type/id`: relative (`Patient/p1`), absolute
 * (`https://host/fhir/Patient/p1`), versioned (`…/_history/2`), or a bundle `fullUrl` such as
 * `urn:uuid:…` looked up in `fullUrls` (fullUrl → `Type/id`).
 * @returns undefined when the reference names no resource.
 * @example normalizeReference('https://fhir.example.org/R4/Patient/p1') // => 'Patient/p1'
 */
export function normalizeReference(
  reference: string,
  fullUrls?: ReadonlyMap<string, string>,
): string | undefined {
  const viaFullUrl = fullUrls?.get(reference);
  if (viaFullUrl !== undefined) return viaFullUrl;
  const m = TYPE_ID.exec(reference);
  return m ? `${m[1] ?? ''}/${m[2] ?? ''}` : undefined;
}

/** The id part of `Type/id` when the type matches. @example idOfType('Patient/p1', 'Patient') // => 'p1' */
export function idOfType(ref: string | undefined, type: string): string | undefined {
  if (ref === undefined || !ref.startsWith(`${type}/`)) return undefined;
  return ref.slice(type.length + 1);
}
