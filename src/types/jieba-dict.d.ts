// @node-rs/jieba ships its default dictionary as a subpath export without typings.
declare module '@node-rs/jieba/dict' {
  export const dict: Uint8Array;
}
