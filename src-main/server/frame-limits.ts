// What one WebSocket frame may carry, and the reason a connection is closed with, per close code.
/**
 * Largest request frame: the largest lab the schema allows — 4,096 hosts, 1,024 switches and
 * clients, 100,000 VMs and cables, 1,000 drills, 100 driver profiles, each element as large as the
 * field report's, with a position for every node — is about 60 MB as an indented `.lab.json` export
 * sent to `lab.importJson` (tests/unit/server/frame-limits.test.ts builds it). 64 MiB carries it; a
 * bigger frame is refused by its header, before any of it is buffered.
 */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;

/**
 * Requests a connection may have in flight, in frame bytes: past this the host stops reading that
 * connection until answers go out, so a client streaming large frames holds at most about two.
 */
export const MAX_IN_FLIGHT_BYTES = MAX_FRAME_BYTES;

/** Close reasons (at most 123 bytes each) for the codes the WebSocket library closes with. */
export const CLOSE_REASONS: Record<number, string> = {
  1002: 'protocol error: the frame breaks the WebSocket protocol (RFC 6455)',
  1007: 'a text frame must be valid UTF-8',
  1009: `a frame is at most ${MAX_FRAME_BYTES / 1024 / 1024} MB, the largest lab the schema allows`,
};
