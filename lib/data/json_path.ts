/**
 * Helpers that render JSON paths and values for error messages.
 *
 * @module
 */

/** A JSON path as a list of keys and indices. */
export type JsonPath = readonly PropertyKey[];

/** Renders a path like `[0].conversation.session_1[0].dia_id`. */
export function formatJsonPath(path: JsonPath): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$-]*$/.test(key)) {
      out += out === "" ? key : `.${key}`;
    } else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** The value at `path` inside `root`, or `undefined` when a step is missing. */
export function valueAt(root: unknown, path: JsonPath): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key as string];
  }
  return cur;
}

/** Whether `path` exists inside `root` (the last key is present, even if its value is null). */
export function hasPath(root: unknown, path: JsonPath): boolean {
  if (path.length === 0) return true;
  const parent = valueAt(root, path.slice(0, -1));
  return parent !== null && typeof parent === "object" &&
    Object.hasOwn(parent as object, path[path.length - 1] as string);
}

/** A short human description of a JSON value, e.g. `the number 5`, `null`, `an array of 3`. */
export function describeValue(value: unknown, present = true): string {
  if (!present) return "nothing (the field is missing)";
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length} item(s)`;
  switch (typeof value) {
    case "string": {
      const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
      return `the string ${JSON.stringify(shown)}`;
    }
    case "number":
      return `the number ${value}`;
    case "boolean":
      return `${value}`;
    case "object":
      return `an object with keys ${
        Object.keys(value as object).slice(0, 6).join(", ") || "(none)"
      }`;
    default:
      return typeof value;
  }
}
