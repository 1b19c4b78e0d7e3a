/**
 * The production start path: what `npm run build` emits, started the way package.json's
 * `start:prod` says, with no npm or tsx in between. The build is made as tsconfig.build.json
 * lays it out but in a temporary copy of the project (node_modules, corpus and package.json
 * linked), and each file is transpiled on its own rather than by tsc: `npm run typecheck`
 * already checks the types, and the project compiles file by file (isolatedModules), so this
 * emits what tsc would in seconds instead of a minute. What it catches: files the code reads
 * relative to itself (the project root, the slash commands folder …) that do not resolve from
 * the build, a start:prod that points at the wrong file, and a start that cannot be signalled.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { commandLabel, loadCommands } from '../src/discord/loader.js';
import { startStandIn, type RecordedCall } from './discord-standin/index.js';
import { testConfig } from './helpers/config.js';
import { freePort, getUntil } from './helpers/http.js';

/** Emit the build tsconfig.build.json describes, under `root` instead of the project. */
function buildInto(root: string): void {
  const configFile = path.join(PROJECT_ROOT, 'tsconfig.build.json');
  const read = ts.readConfigFile(configFile, (f) => ts.sys.readFile(f));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const json: unknown = read.config;
  const parsed = ts.parseJsonConfigFileContent(json, ts.sys, PROJECT_ROOT, undefined, configFile);
  const { rootDir, outDir } = parsed.options;
  if (!rootDir || !outDir) throw new Error('tsconfig.build.json must set rootDir and outDir');
  const target = path.join(root, path.relative(PROJECT_ROOT, outDir));
  // Declaration files (src/types) describe untyped packages; tsc emits nothing for them.
  for (const file of parsed.fileNames.filter((f) => !f.endsWith('.d.ts'))) {
    const out = path.join(target, path.relative(rootDir, file)).replace(/\.ts$/, '.js');
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      // transpileModule emits one file in memory; output locations are ours to choose.
      // NodeNext would pick the module format from package.json, which a single file in memory
      // has none of: say what it would pick in this "type": "module" project.
      compilerOptions: {
        ...parsed.options,
        module: ts.ModuleKind.ES2022,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        outDir: undefined,
        rootDir: undefined,
        sourceMap: false,
      },
      fileName: file,
    });
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, outputText);
  }
}

/** package.json's start:prod, which must be a plain `node <file>`. */
function startProdEntry(): string {
  const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const script = pkg.scripts['start:prod'] ?? '';
  const match = /^node (\S+\.js)$/.exec(script);
  if (!match) throw new Error(`start:prod is not "node <file>.js": ${script}`);
  return match[1]!;
}

describe('the compiled bot, started by node as start:prod says', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'article-bot-build-'));
  buildInto(root);
  for (const linked of ['node_modules', 'corpus'])
    symlinkSync(path.join(PROJECT_ROOT, linked), path.join(root, linked));
  // "type": "module" makes the emitted .js files ES modules, as in the project.
  cpSync(path.join(PROJECT_ROOT, 'package.json'), path.join(root, 'package.json'));

  const standIn = await startStandIn();
  const config = testConfig();
  const healthPort = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [path.join(root, startProdEntry())], {
    // Not the project: paths must come from the build's own location.
    cwd: os.tmpdir(),
    env: {
      ...process.env,
      DISCORD_TOKEN: standIn.token,
      DISCORD_API_URL: standIn.apiUrl,
      DATA_DIR: config.DATA_DIR,
      EMBEDDING_MODEL: 'none',
      LOG_LEVEL: 'info',
      HEALTH_PORT: String(healthPort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await standIn.close();
    config.cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  it('runs from the build: no tsx, the corpus and the slash commands found from its own files', async () => {
    const died = exited.then((code) => {
      throw new Error(`the bot exited (${code}) before connecting:\n${output}`);
    });
    await Promise.race([standIn.waitForReady(180_000), died]).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${output}`);
    });
    await getUntil(`http://127.0.0.1:${healthPort}/healthz`, (r) => r.status === 200);
    // The slash commands were found beside the compiled loader: the same ones as in src.
    const commands = [...(await loadCommands()).values()].map(commandLabel);
    expect(output).toContain(`"commands":${JSON.stringify(commands)}`);
    const asked = standIn.injectMessage({
      content: `<@${standIn.botUser.id}> 潘梓正的碩士學位是在哪所大學拿的？`,
      mentions: [standIn.botUser],
    });
    const reply: RecordedCall = await standIn.waitForCall(
      (c) => c.method === 'POST' && c.path === `/channels/${asked.channelId}/messages`,
      30_000,
    );
    expect(JSON.stringify(reply.body)).toContain('阿德萊德大學');
  }, 200_000);

  it('exits 0 on SIGTERM sent to the process a supervisor started', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('Shutting down');
  });
});
