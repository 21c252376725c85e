import { Presets, SingleBar } from 'cli-progress';

/** A progress bar on stderr, only when asked and stderr is a terminal (never in a pipe or a log). */
export function progressBar(enabled: unknown, format: string): SingleBar | undefined {
  return enabled && process.stderr.isTTY
    ? new SingleBar({ format, stream: process.stderr }, Presets.shades_classic)
    : undefined;
}
