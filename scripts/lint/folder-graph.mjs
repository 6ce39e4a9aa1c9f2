// Folder boundaries for src/: every top-level folder under src/ is a domain whose public
// surface is its index.ts. This check fails when a file imports another folder's internals
// (anything but `<folder>/index`) or when the folders import each other in a circle.
// Type-only imports count: a type cycle still means two folders must change together.
// ESLint's no-restricted-imports catches deep imports while editing; this script is the
// whole-program view that a per-file linter cannot give (cycles need every edge at once).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const src = join(root, 'src');

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full));
    else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** Top-level folder of a file under src/, or '(root)' for src/*.ts (the composition root). */
function folderOf(file) {
  const parts = relative(src, file).split(sep);
  return parts.length > 1 ? parts[0] : '(root)';
}

const specifierPattern = /(?:^|\s)(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;

export function collect() {
  const deep = [];
  const edges = new Map(); // folder -> Map(folder -> example "file -> spec")
  for (const file of walk(src)) {
    const from = folderOf(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(specifierPattern)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(src + sep)) continue;
      const rel = relative(src, target).split(sep);
      const isFolder = rel.length === 1 && existsSync(target) && statSync(target).isDirectory();
      const to = rel.length > 1 || isFolder ? rel[0] : '(root)';
      if (to === from) continue;
      // The composition root (src/*.ts: app, server, services, config) sits above every
      // domain and wires them; domains may use its config and the `Services` type, so
      // edges into it are not folder edges and it is left out of the cycle check.
      if (to === '(root)') continue;
      const isIndex = isFolder || (rel.length === 2 && rel[1] === 'index');
      if (!isIndex) deep.push(`${relative(root, file)}: '${spec}' reaches into ${to}/ (import '${to}/index' instead)`);
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from).has(to)) edges.get(from).set(to, `${relative(root, file)} -> ${spec}`);
    }
  }
  return { deep, edges };
}

/** Strongly connected components with more than one folder (Tarjan). */
export function cycles(edges) {
  let index = 0;
  const idx = new Map(),
    low = new Map(),
    stack = [],
    on = new Set(),
    out = [];
  const nodes = new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])]);
  function visit(v) {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    on.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  }
  for (const v of nodes) if (!idx.has(v)) visit(v);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { deep, edges } = collect();
  if (process.argv.includes('--graph')) {
    for (const [from, tos] of [...edges].sort()) console.log(`${from} -> ${[...tos.keys()].sort().join(', ')}`);
  }
  const comps = cycles(edges);
  for (const line of deep) console.error(line);
  for (const comp of comps) {
    console.error(`Folder cycle: ${comp.join(' <-> ')}`);
    for (const a of comp) for (const b of comp) if (edges.get(a)?.has(b)) console.error(`  ${a} -> ${b}: ${edges.get(a).get(b)}`);
  }
  if (deep.length || comps.length) {
    console.error(`\n${deep.length} deep import(s), ${comps.length} folder cycle(s).`);
    process.exit(1);
  }
  console.log('Folder boundaries: no deep imports, no folder cycles.');
}
