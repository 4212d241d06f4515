// How the web editor reads and writes a page: YAML front matter between `---` lines, then the
// Markdown text. Registered with Decap CMS as a custom format by clinic-cms.js; the same module
// checks and tidies pages from the command line (scripts/cms_front_matter.mjs), so the files the
// tests check are written by exactly this code.
//
// Why not Decap's own front matter writer: it reorders every mapping with more than eight keys
// (its entries are Immutable.js maps, which iterate in hash order), folds text longer than 80
// columns over several lines, and writes `""` for an optional field the editor emptied, which the
// build refuses. This writer puts keys in the order of the CMS configuration (the content model's
// order), one value per line, and leaves empty values out, so changing one word changes one line.

import { Document, parseDocument } from './vendor/yaml/browser/dist/index.js';

// The build's YAML reading (hooks/clinic_site/frontmatter.py): YAML 1.1 numbers and nulls, but
// only true/false are booleans (so `on:` stays a key) and dates stay text. A value is written in
// quotes whenever that reading would otherwise see something other than the value.
const SCHEMA = {
  version: '1.1',
  customTags: (tags) => [
    ...tags.filter((tag) => !['tag:yaml.org,2002:bool', 'tag:yaml.org,2002:timestamp'].includes(tag.tag)),
    'bool', // YAML 1.2's booleans: true, True, TRUE, false, False, FALSE
  ],
};

// One key per line, lists indented under their key, long text on one line, quotes only when needed.
const WRITING = {
  indent: 2,
  indentSeq: true,
  lineWidth: 0,
  minContentWidth: 0,
  blockQuote: 'literal',
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
};

// The same pattern as the build (mkdocs.utils.meta.YAML_RE), so both see the same front matter.
const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?\n)(?:\.\.\.|---)[ \t]*\n/;

/** A page's text as {data, body}: the front matter's values and the Markdown after it. */
export function readPage(text) {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { data: {}, body: text };
  const document = parseDocument(match[1], { ...SCHEMA, uniqueKeys: true, prettyErrors: true });
  if (document.errors.length) throw new Error(`front matter: ${document.errors.map((e) => e.message).join('; ')}`);
  const data = document.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) throw new Error('front matter: not a list of fields');
  return { data, body: text.slice(match[0].length).replace(/^\n/, '') }; // one blank line follows `---`
}

/** The text of a page: `fields` (the CMS configuration's fields) give the order of the keys. */
export function writePage(data, body, fields) {
  const values = arranged(data, fields);
  const text = body.replace(/\n*$/, '');
  if (!Object.keys(values).length) return text ? `${text}\n` : '';
  return `---\n${new Document(values, SCHEMA).toString(WRITING)}---\n` + (text ? `\n${text}\n` : '');
}

/** Keys in the order of `fields`, then any others as found; empty values left out, at every depth. */
function arranged(value, fields) {
  if (Array.isArray(value)) return value.map((item) => arranged(item, fields)).filter((item) => !isEmpty(item));
  if (value === null || typeof value !== 'object') return value;
  const result = {};
  const names = (fields ?? []).map((field) => field.name);
  for (const field of fields ?? []) {
    if (Object.hasOwn(value, field.name)) keep(result, field.name, arranged(value[field.name], field.fields));
  }
  for (const [name, item] of Object.entries(value)) {
    if (!names.includes(name)) keep(result, name, arranged(item, undefined));
  }
  return result;
}

function keep(result, name, value) {
  if (!isEmpty(value)) result[name] = value;
}

function isEmpty(value) {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

/** A Decap CMS custom format for a collection with these fields (see CMS.registerCustomFormat). */
export function frontMatterFormat(fields) {
  return {
    fromFile(text) {
      const { data, body } = readPage(text);
      return { ...data, body };
    },
    toFile(entry) {
      const { body = '', ...data } = entry;
      return writePage(data, body, fields);
    },
  };
}
