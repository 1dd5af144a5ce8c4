/**
 * The result of an effect as JSON text and back. Results are plain rows (strings, numbers,
 * nested objects); `Date`s are tagged so that they come back as `Date`s, and `undefined` as a
 * whole result survives the round trip.
 */
export function encodeEffect(value: unknown): string {
  if (value === undefined) return '{}';
  return JSON.stringify({
    v: JSON.parse(
      JSON.stringify(value, function (this: Record<string, unknown>, key) {
        const original = this[key];
        return original instanceof Date ? { $date: original.toISOString() } : (original as unknown);
      }),
    ),
  });
}

export function decodeEffect<T>(json: string): T {
  const parsed = JSON.parse(json, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      const date = (value as { $date?: unknown }).$date;
      if (keys.length === 1 && typeof date === 'string') return new Date(date);
    }
    return value;
  }) as { v?: T };
  return parsed.v as T;
}
