// Reads typed fields out of frontmatter data, reporting a wrong value at the line it is on.
import { isValidDay, type Day } from '../model/dates.js';
import type { Diagnostic, DiagnosticCode, Place, Severity } from '../model/types.js';

export class FieldReader {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly file: string,
    private readonly places: Record<string, Place>,
  ) {}

  placeOf(key: string): Place {
    return this.places[`${key}=`] ?? this.places[key] ?? { line: 1, column: 1 };
  }

  report(key: string, code: DiagnosticCode, message: string, severity: Severity = 'error'): void {
    const place = this.placeOf(key);
    this.diagnostics.push({ file: this.file, line: place.line, column: place.column, severity, code, message });
  }

  text(value: unknown, key: string): string | null {
    if (value === undefined || value === null) return null;
    if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    this.report(key, 'bad-value', `\`${key}\` should be text, not ${kindOf(value)}`);
    return null;
  }

  day(value: unknown, key: string): Day | null {
    if (value === undefined || value === null) return null;
    if (isValidDay(value)) return value;
    this.report(key, 'bad-date', `\`${key}\` is not a real date in YYYY-MM-DD form: ${show(value)}`);
    return null;
  }

  number(value: unknown, key: string): number | null {
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    this.report(key, 'bad-value', `\`${key}\` should be a number: ${show(value)}`);
    return null;
  }

  oneOf<T extends string>(value: unknown, key: string, allowed: readonly T[], fallback: T): T {
    if (value === undefined || value === null) return fallback;
    const lower = typeof value === 'string' ? value.trim().toLowerCase() : value;
    if ((allowed as readonly unknown[]).includes(lower)) return lower as T;
    this.report(key, 'bad-value', `\`${key}\` should be one of ${allowed.join(', ')}: ${show(value)}`);
    return fallback;
  }

  boolean(value: unknown, key: string): boolean {
    if (value === undefined || value === null) return false;
    if (typeof value === 'boolean') return value;
    this.report(key, 'bad-value', `\`${key}\` should be true or false: ${show(value)}`);
    return false;
  }

  map(value: unknown, key: string): Record<string, unknown> | null {
    if (value === undefined || value === null) return null;
    if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    this.report(key, 'bad-value', `\`${key}\` should be a group of keys (indented lines below it), not ${kindOf(value)}`);
    return null;
  }
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'empty';
  return typeof value === 'object' ? 'a group of keys' : `a ${typeof value}`;
}

export function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a group of keys' : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
