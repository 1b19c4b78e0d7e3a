/**
 * Where a model lives in MODEL_CACHE_DIR and what it needs. transformers.js 2.17
 * caches a download of `<model id>/<file>` under its cache directory, which is
 * exactly the layout of a model folder a user copies in, so one directory
 * serves both.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The E5 family was trained with "query: " / "passage: " markers and retrieves
 * noticeably worse without them; other models get the text as is.
 */
export function prefixesFor(model: string): { queryPrefix: string; passagePrefix: string } {
  const name = model.split('/').pop() ?? model;
  return /(^|[-_])e5([-_]|$)/i.test(name)
    ? { queryPrefix: 'query: ', passagePrefix: 'passage: ' }
    : { queryPrefix: '', passagePrefix: '' };
}

/** The files transformers.js reads for a feature-extraction model. */
export function requiredModelFiles(quantized: boolean): string[] {
  return [
    'config.json',
    'tokenizer.json',
    'tokenizer_config.json',
    `onnx/model${quantized ? '_quantized' : ''}.onnx`,
  ];
}

export function modelDir(cacheDir: string, model: string): string {
  return path.join(cacheDir, ...model.split('/'));
}

export function isModelCached(cacheDir: string, model: string, quantized: boolean): boolean {
  const dir = modelDir(cacheDir, model);
  return requiredModelFiles(quantized).every((f) => existsSync(path.join(dir, f)));
}

export function hintFor(model: string, cacheDir: string, quantized: boolean): string {
  const files = requiredModelFiles(quantized).join(', ');
  return (
    `To use semantic search, either run once with network access (ALLOW_REMOTE_MODELS=1) so ${model} downloads into ${cacheDir}, ` +
    `or copy a model folder with ${files} into ${modelDir(cacheDir, model)}${path.sep}, ` +
    `or set EMBEDDING_MODEL=none to use keyword search only.`
  );
}

export const MODEL_ID = /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/;
