/**
 * One measurement in a process of its own, so each starts cold and its peak RSS
 * is its own: `build CORPUS DATA`, `serve CORPUS DATA` or `vectors COUNT`. Prints
 * the result as one JSON line.
 */
import { measureBuild, measureServe } from './corpus-bench.js';
import { measureVectors } from './vector-bench.js';

const [command, a, b] = process.argv.slice(2);
let result: unknown;
if (command === 'build' && a && b) result = await measureBuild(a, b);
else if (command === 'serve' && a && b) result = await measureServe(a, b);
else if (command === 'vectors' && a) result = measureVectors(Number(a));
else throw new Error(`usage: worker.ts build|serve CORPUS DATA | vectors COUNT`);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
