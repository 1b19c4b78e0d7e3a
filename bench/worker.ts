/**
 * One measurement in a process of its own, so each starts cold and its peak RSS
 * is its own: `build CORPUS DATA`, `serve CORPUS DATA` or `vectors DISTRIBUTION COUNT GRAPHS`. Prints
 * the result as one JSON line.
 */
import { measureBuild, measureServe } from './corpus-bench.js';
import { measureVectors, parseGraphs } from './vector-bench.js';
import { DISTRIBUTIONS, type Distribution } from './vector-data.js';

const [command, a, b, c] = process.argv.slice(2);
const isDistribution = (d: string | undefined): d is Distribution =>
  DISTRIBUTIONS.some((known) => known === d);
const graphs = command !== 'vectors' || c === undefined ? undefined : parseGraphs(c);
let result: unknown;
if (command === 'build' && a && b) result = await measureBuild(a, b);
else if (command === 'serve' && a && b)
  result = await measureServe(a, b, { minisearch: c !== '--no-minisearch' });
else if (command === 'vectors' && isDistribution(a) && b && graphs)
  result = measureVectors(a, Number(b), graphs);
else
  throw new Error(
    `usage: worker.ts build CORPUS DATA | serve CORPUS DATA [--no-minisearch] | vectors ${DISTRIBUTIONS.join('|')} COUNT MxEFC[,MxEFC…]`,
  );
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
