import cliProgress from 'cli-progress';

export interface Progress {
  tick(student: string, text: string): void;
  stop(): void;
}

/** A bar on a terminal; plain lines elsewhere (CI logs, pipes). */
export function createProgress(
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'grading [{bar}] {value}/{total} {student}', stream, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { student: '' });
    return { tick: (student) => bar.increment(1, { student }), stop: () => bar.stop() };
  }
  let done = 0;
  return {
    tick: (student, text) => stream.write(`[${++done}/${total}] ${student}: ${text}\n`),
    stop: () => {},
  };
}
