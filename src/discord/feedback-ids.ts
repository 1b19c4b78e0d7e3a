/**
 * Custom ids of the feedback controls. The answer's id in the feedback store fits in them
 * (a UUID is 36 characters, the limit 100), so a vote still lands after a restart, unlike
 * "More passages", whose passages live only in memory.
 */
import type { Vote } from '../feedback/types.js';

const VOTE = /^fb:(up|down):([\w-]{1,80})$/;
const WHY = /^fb:why:([\w-]{1,80})$/;

export function voteCustomId(vote: Vote, answerId: string): string {
  return `fb:${vote}:${answerId}`;
}

export function whyCustomId(answerId: string): string {
  return `fb:why:${answerId}`;
}

export function parseVoteCustomId(customId: string): { vote: Vote; answerId: string } | null {
  const m = VOTE.exec(customId);
  return m ? { vote: m[1] === 'up' ? 'up' : 'down', answerId: m[2]! } : null;
}

export function parseWhyCustomId(customId: string): string | null {
  return WHY.exec(customId)?.[1] ?? null;
}
