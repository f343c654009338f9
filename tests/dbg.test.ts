import { it } from 'vitest';
import fs from 'node:fs';
import { mergeJournalFile } from '../src/model/merge/merge-file.js';
it('dbg', () => {
  const t = fs.readFileSync('/tmp/r.md', 'utf8').replace('- [x] [[morning-walk]] minimum', '- [ ] [[morning-walk]] minimum');
  const o = fs.readFileSync('/tmp/r.md', 'utf8').replace('- [x] [[morning-walk]] standard: Walk 20 minutes [value:: 22]', '- [ ] [[morning-walk]] standard: Walk 20 minutes');
  process.stdout.write('\nOUT ' + JSON.stringify(mergeJournalFile(null, o, t)) + '\n');
  process.stdout.write('\nOUT ' + JSON.stringify(mergeJournalFile('', o, t)) + '\n');
});
