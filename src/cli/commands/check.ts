import { describeDailyLayout } from '../../journal/layout.js';
import { syncDriverDiagnostics } from '../../journal/sync-setup.js';
import type { Diagnostic } from '../../model/types.js';
import type { CommandContext } from '../context.js';
import type { Style } from '../io.js';

export async function runCheck(ctx: CommandContext): Promise<number> {
  const journal = await ctx.openJournal(await ctx.root());
  const diagnostics = [...journal.diagnostics(), ...await syncDriverDiagnostics(journal.root)];
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (ctx.json) {
    ctx.out(JSON.stringify({ diagnostics: diagnostics.map(plainDiagnostic) }, null, 2));
  } else {
    for (const d of diagnostics) ctx.out(formatDiagnostic(d, ctx.style));
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    const infos = diagnostics.length - errors - warnings;
    const files = journal.goals.length + journal.logs.length;
    ctx.err(ctx.style.dim(describeDailyLayout(journal.layout)));
    const summary = `${plural(files, 'file')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'note')}`;
    ctx.err(errors ? ctx.style.red(summary) : diagnostics.length ? ctx.style.yellow(summary) : ctx.style.green(summary));
  }
  return errors > 0 ? 1 : 0;
}

export function plainDiagnostic(d: Diagnostic): Diagnostic {
  const plain: Diagnostic = { file: d.file, line: d.line, column: d.column, severity: d.severity, code: d.code, message: d.message };
  if (d.files) plain.files = d.files;
  return plain;
}

/** `path:line:col severity code message`, like a compiler, so editors and terminals link it. */
export function formatDiagnostic(d: Diagnostic, style: Style): string {
  const severity = d.severity === 'error' ? style.red(d.severity) : d.severity === 'warning' ? style.yellow(d.severity) : style.cyan(d.severity);
  return `${d.file}:${d.line}:${d.column} ${severity} ${style.dim(d.code)} ${d.message}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
