// The CLI's store for generated reports: node:fs, each file replaced atomically.
import fs from 'node:fs';
import path from 'node:path';
import type { ReportData } from '../report/data.js';
import type { Layout } from './layout.js';
import { writeFileAtomic } from './node-file-system.js';
import { writeReportFilesTo, type GeneratedFileStore, type ReportWrite } from './generated-files.js';

export { renderReportFiles, type ReportWrite } from './generated-files.js';

function readIfExists(abs: string): string | null {
  try {
    return fs.readFileSync(abs, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') return '';
    throw e;
  }
}

export function nodeGeneratedFiles(root: string): GeneratedFileStore {
  return {
    read: async (rel) => readIfExists(path.join(root, rel)),
    write: (rel, text) => writeFileAtomic(path.join(root, rel), text),
    exists: async (rel) => fs.existsSync(path.join(root, rel)),
    list: async (folder) => (fs.existsSync(path.join(root, folder)) ? fs.readdirSync(path.join(root, folder)) : []),
    remove: async (rel) => fs.rmSync(path.join(root, rel), { force: true }),
  };
}

export function writeReportFiles(layout: Layout, data: ReportData, options: { force: boolean }): Promise<ReportWrite> {
  return writeReportFilesTo(nodeGeneratedFiles(layout.root), layout, data, options);
}
