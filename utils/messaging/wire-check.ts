/**
 * The content scripts' validator of what the background sends them, without zod (≈ 6.5 KB gzip in every
 * page even as zod/mini). It checks a value against the JSON Schema zod derives from the one definition
 * of each wire shape (page-commands.ts, shortcuts/content-wire.ts); wire-shapes.json holds those JSON
 * Schemas, and tests/unit/messaging/wire-shapes.test.ts fails when they drift from the zod schemas and
 * proves the two accept the same values. Only the keywords z.toJSONSchema writes for those shapes are
 * understood, with zod's meaning (a string's length in UTF-16 units, finite numbers); the test refuses
 * any other keyword.
 */
export interface WireShape {
  readonly type?: string;
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly properties?: { readonly [key: string]: WireShape };
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean;
  readonly items?: WireShape;
  readonly anyOf?: readonly WireShape[];
  readonly oneOf?: readonly WireShape[];
}

/** Whether `value` has the shape. */
export function fits(shape: WireShape, value: unknown): boolean {
  // oneOf is a discriminated union's: its options exclude each other (one value of the key each).
  const options = shape.anyOf ?? shape.oneOf;
  if (options) return options.some((option) => fits(option, value));
  if ('const' in shape && value !== shape.const) return false;
  if (shape.enum && !shape.enum.includes(value)) return false;
  switch (shape.type) {
    case 'string': {
      if (typeof value !== 'string') return false;
      const { length } = value;
      return length >= (shape.minLength ?? 0) && length <= (shape.maxLength ?? length);
    }
    case 'number':
      return Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value) && value.every((item) => !shape.items || fits(shape.items, item));
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      const record = value as Record<string, unknown>;
      const properties = shape.properties ?? {};
      if (shape.additionalProperties === false && Object.keys(record).some((key) => !Object.hasOwn(properties, key)))
        return false;
      return Object.entries(properties).every(
        ([key, property]) =>
          (record[key] === undefined && !shape.required?.includes(key)) || fits(property, record[key]),
      );
    }
  }
  return false;
}

/** A wire shape's check, typed by its zod schema (`WireCheck<z.infer<typeof Schema>>`). */
export interface WireCheck<T> {
  /** The value, or a TypeError when it does not have the shape. */
  parse(value: unknown): T;
  /** The value when it has the shape, else undefined. */
  check(value: unknown): T | undefined;
}

export const wireCheck = <T>(shape: WireShape, name: string): WireCheck<T> => ({
  parse(value) {
    if (!fits(shape, value)) throw new TypeError(`DM Sidekick: a malformed ${name}`);
    return value as T;
  },
  check: (value) => (fits(shape, value) ? (value as T) : undefined),
});
