/** Streamed lists, one JSON document a line (batch decisions in and out). */
export const NDJSON = 'application/x-ndjson';
