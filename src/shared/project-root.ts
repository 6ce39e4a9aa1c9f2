import fs from 'node:fs';
import path from 'node:path';

/**
 * The folder holding package.json. Code runs both from src/ (tsx, jest) and from
 * dist/src/ (npm start), so views and migrations are found from the root, not __dirname.
 */
function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + start);
    dir = parent;
  }
}

export const projectRoot = findRoot(__dirname);
