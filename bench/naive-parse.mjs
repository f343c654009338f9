// Baseline: what a straightforward implementation costs — unified + remark-parse +
// remark-frontmatter + remark-gfm over every Markdown file of a journal.
import fs from 'node:fs';
import path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);
let nodes = 0;
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) walk(abs);
    else if (e.name.endsWith('.md')) nodes += processor.parse(fs.readFileSync(abs, 'utf8')).children.length;
  }
};
walk(process.argv[2]);
console.log(JSON.stringify({ nodes }));
