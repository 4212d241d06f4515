// Read and write pages exactly as the web editor does, with its own module (docs/admin/front-matter.js).
//
//   node scripts/cms_front_matter.mjs FIELDS.json [--write] PAGE...
//       prints each page that the editor would write differently; --write rewrites it so
//   node scripts/cms_front_matter.mjs FIELDS.json --dump VALUES.json
//       prints the page the editor writes for {"data": ..., "body": ...} (for tests)
//   node scripts/cms_front_matter.mjs FIELDS.json --read PAGE
//       prints the values the editor reads from a page, as JSON (for tests)
//
// FIELDS.json holds the collection's fields from the generated configuration; scripts/cms_front_matter.py
// (`make cms-format`) writes it and runs this.

import fs from 'node:fs';
import { readPage, writePage } from '../docs/admin/front-matter.js';

const [fieldsFile, ...rest] = process.argv.slice(2);
const fields = JSON.parse(fs.readFileSync(fieldsFile, 'utf8'));

if (rest[0] === '--dump') {
  const { data, body } = JSON.parse(fs.readFileSync(rest[1], 'utf8'));
  process.stdout.write(writePage(data, body, fields));
} else if (rest[0] === '--read') {
  process.stdout.write(JSON.stringify(readPage(fs.readFileSync(rest[1], 'utf8'))));
} else {
  const write = rest[0] === '--write';
  let status = 0;
  for (const path of write ? rest.slice(1) : rest) {
    const text = fs.readFileSync(path, 'utf8');
    let tidy;
    try {
      const { data, body } = readPage(text);
      tidy = writePage(data, body, fields);
    } catch (error) {
      console.log(`${path}: not changed: ${error.message}`);
      status = 2;
      continue;
    }
    if (tidy === text) continue;
    if (write) fs.writeFileSync(path, tidy);
    console.log(write ? `${path}: rewritten in the web editor's style` : `${path}: not in the web editor's style`);
    status = Math.max(status, write ? 0 : 1);
  }
  process.exit(status);
}
