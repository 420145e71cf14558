// Red flags of a visitor's message (staff only), as pieces of its body: plain text, or a flagged span with
// the flags that cover it. Overlapping or touching spans are merged into one, with all their flags; spans
// out of the body or empty are ignored. Offsets are UTF-16 code units, end exclusive (packages/redflags).
import type { TChatMessage, TRedFlagMark } from '@abri/contracts';

export type BodyPiece = { text: string; flags: string[] };

/** The flags that reach every supervisor on duty. */
export const URGENT_FLAGS: readonly string[] = ['self_harm', 'immediate_danger'];

export function flagPieces(body: string, marks: readonly TRedFlagMark[] | undefined): BodyPiece[] {
  const spans = (marks ?? [])
    .map((mark) => ({
      start: Math.max(0, Math.min(mark.start, body.length)),
      end: Math.max(0, Math.min(mark.end, body.length)),
      flags: [mark.flag],
    }))
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: typeof spans = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end) {
      last.end = Math.max(last.end, span.end);
      for (const flag of span.flags) if (!last.flags.includes(flag)) last.flags.push(flag);
    } else {
      merged.push({ ...span, flags: [...span.flags] });
    }
  }
  const pieces: BodyPiece[] = [];
  let at = 0;
  for (const span of merged) {
    if (span.start > at) pieces.push({ text: body.slice(at, span.start), flags: [] });
    pieces.push({ text: body.slice(span.start, span.end), flags: span.flags });
    at = span.end;
  }
  if (at < body.length || pieces.length === 0) pieces.push({ text: body.slice(at), flags: [] });
  return pieces;
}

/** The flags found so far in a conversation's messages: urgent ones first, then in order of appearance. */
export function conversationFlags(messages: readonly TChatMessage[] | undefined): string[] {
  const seen: string[] = [];
  for (const message of messages ?? []) {
    for (const mark of message.redFlags ?? []) if (!seen.includes(mark.flag)) seen.push(mark.flag);
  }
  const urgent = seen.filter((flag) => URGENT_FLAGS.includes(flag));
  return [...urgent, ...seen.filter((flag) => !URGENT_FLAGS.includes(flag))];
}
