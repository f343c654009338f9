// Baseline: a Node process that only reads every file of a journal.
import fs from 'node:fs';
import path from 'node:path';

let bytes = 0;
let files = 0;
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) walk(abs);
    else if (e.name.endsWith('.md') || e.name.endsWith('.yaml')) { bytes += fs.readFileSync(abs).length; files++; }
  }
};
walk(process.argv[2]);
console.log(JSON.stringify({ files, bytes }));
