/**
 * cyrb53 (bryc, public domain): a fast, synchronous, non-cryptographic hash in two 32-bit lanes. For
 * naming things without revealing them (message keys) and for noticing change (pack content), never
 * for security. Synchronous on purpose: an awaited crypto.subtle call would end a Dexie transaction.
 */
export function cyrb53Lanes(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1, h2];
}

/** 53 bits of cyrb53, base 36 (up to 11 characters). */
export function cyrb53(text: string): string {
  const [h1, h2] = cyrb53Lanes(text);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
