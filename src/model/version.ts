// The program's version comes from package.json alone (the build defines KAIZEN_VERSION from it);
// the journal format's version is the contract in FORMAT.md that this build reads and writes.
declare const KAIZEN_VERSION: string | undefined;

export const PROGRAM_VERSION = typeof KAIZEN_VERSION === 'string' ? KAIZEN_VERSION : '0.0.0-dev';
export const FORMAT_VERSION = '1.2';

/** What `kaizen --version` prints and the extension shows: one line, both versions. */
export function versionLine(program = PROGRAM_VERSION): string {
  return `kaizen ${program} (journal format ${FORMAT_VERSION})`;
}
