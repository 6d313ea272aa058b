// `npm install` / `npm ci` run this (the `prepare` script): it builds dist/ so that `npm start`
// runs. A production install (`npm ci --omit=dev`) has no TypeScript to build with: it says so and
// succeeds, and runs a dist/ built beforehand (a release folder: `npm run release`).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  require.resolve('typescript/package.json');
} catch {
  console.log(
    'pocbot: TypeScript is not installed (a production install), so dist/ is not built here; `npm run release` builds a runnable folder.',
  );
  process.exit(0);
}
const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
process.exit(build.status ?? 1);
