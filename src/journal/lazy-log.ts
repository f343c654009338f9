// A daily log read back from the persistent parse cache without building all of it. The numbers need
// only each log's habit lines; the tasks, fields and places are most of the cached bytes and most of
// the objects a warm read would otherwise make (and collect). Those "cold" fields are accessors that
// parse the stored text on first use, then become plain data properties: the object has the parser's
// keys in the parser's order, so spreading it, JSON.stringify and equality see a plain DailyLog.
import type { DailyLog, Diagnostic } from '../model/types.js';

/** The fields read without parsing the cold text: what the journal's numbers and link checks need. */
export const HOT_LOG_KEYS: ReadonlySet<string> = new Set(['date', 'file', 'habits']);

const coldSources = new WeakMap<object, { keys: readonly string[]; load: () => Record<string, unknown> }>();
const contentLints = new WeakMap<object, Diagnostic[]>();
const descriptorsByShape = new Map<string, PropertyDescriptorMap>();

function materialize(log: object): void {
  const source = coldSources.get(log);
  if (!source) return;
  coldSources.delete(log);
  const cold = source.load();
  for (const key of source.keys) {
    if (HOT_LOG_KEYS.has(key)) continue;
    Object.defineProperty(log, key, { value: cold[key], writable: true, enumerable: true, configurable: true });
  }
}

/** The value once materialized (never the accessor again, even when called on another object). */
function ownValue(log: object, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(log, key);
  return descriptor && 'value' in descriptor ? descriptor.value : undefined;
}

function descriptorsFor(keys: readonly string[]): PropertyDescriptorMap {
  const shape = keys.join('\n');
  let descriptors = descriptorsByShape.get(shape);
  if (descriptors) return descriptors;
  descriptors = {};
  for (const key of keys) {
    descriptors[key] = HOT_LOG_KEYS.has(key)
      ? { value: undefined, writable: true, enumerable: true, configurable: true }
      : {
        get(this: object) {
          materialize(this);
          return ownValue(this, key);
        },
        set(this: object, value: unknown) {
          materialize(this);
          Object.defineProperty(this, key, { value, writable: true, enumerable: true, configurable: true });
        },
        enumerable: true,
        configurable: true,
      };
  }
  descriptorsByShape.set(shape, descriptors);
  return descriptors;
}

/**
 * A log with `hot`'s values and the other `keys` parsed from `cold()` when first read. `cold()` must
 * return exactly those other keys; `contentLint` is `lintLogContent` of the whole log, kept with it.
 */
export function lazyLog(keys: readonly string[], hot: Record<string, unknown>, cold: () => Record<string, unknown>,
  contentLint: Diagnostic[]): DailyLog {
  const log: Record<string, unknown> = {};
  Object.defineProperties(log, descriptorsFor(keys));
  for (const key of keys) if (HOT_LOG_KEYS.has(key)) log[key] = hot[key];
  coldSources.set(log, { keys, load: cold });
  contentLints.set(log, contentLint);
  return log as unknown as DailyLog;
}

/** `lintLogContent` of a log read back from the cache, when it was stored with it. */
export function storedContentLint(log: DailyLog): Diagnostic[] | undefined {
  return contentLints.get(log);
}

/** `resolveHabitLinks` copies a log whose links it resolves: the copy keeps the original's stored lint. */
export function keepContentLint(from: DailyLog, to: DailyLog): void {
  const lint = contentLints.get(from);
  if (lint && from !== to) contentLints.set(to, lint);
}
