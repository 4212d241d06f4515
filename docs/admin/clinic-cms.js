// Starts the web editor: Decap CMS (vendor/decap-cms, loaded before this module) with the
// configuration the build generates from the content model (config.yml, written by
// hooks/clinic_site/cms_config.py) and the clinic's front matter format (front-matter.js).

import { parse } from './vendor/yaml/browser/dist/index.js';
import { frontMatterFormat } from './front-matter.js';

const FORMAT = 'clinic-front-matter'; // collections whose `format` starts with this use front-matter.js

try {
  const response = await fetch('config.yml', { cache: 'no-cache' });
  if (!response.ok) throw new Error(`config.yml: ${response.status} ${response.statusText}`);
  const config = parse(await response.text());
  for (const collection of config.collections) {
    // One format per collection: Decap hands a format the values only, not the collection's fields.
    if (collection.format?.startsWith(FORMAT)) {
      window.CMS.registerCustomFormat(collection.format, collection.extension, frontMatterFormat(collection.fields));
    }
  }
  window.CMS.init({ config: { ...config, load_config_file: false } });
} catch (error) {
  document.body.textContent = `The editor could not start (${error.message}). Please tell the web team.`;
  throw error;
}
