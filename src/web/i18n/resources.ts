/// <reference types="vite/client" />
import en from './en.json';
import es from './es.json';

// The shell's strings live in en.json / es.json; each feature area keeps its own in
// locales/<area>.<lang>.json, merged here under the key <area> (so t('<area>.…')). Separate files let
// areas grow without every change touching one big file.
type Tree = Record<string, unknown>;
const areas = import.meta.glob<Tree>('./locales/*.json', { eager: true, import: 'default' });

function withAreas(base: Tree, lang: 'en' | 'es'): Tree {
  const out: Tree = { ...base };
  for (const [file, strings] of Object.entries(areas)) {
    const m = /\/([A-Za-z]+)\.(en|es)\.json$/.exec(file);
    if (!m || m[2] !== lang) continue;
    if (m[1] in out) throw new Error(`i18n area ${m[1]} clashes with a key of ${lang}.json`);
    out[m[1]] = strings;
  }
  return out;
}

export const EN = withAreas(en, 'en');
export const ES = withAreas(es, 'es');
