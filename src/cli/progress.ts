/**
 * A one-line progress bar with ETA on stderr, redrawn in place. Only used when
 * stderr is a terminal: in logs and pipes it would be noise.
 */
export class ProgressBar {
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update(label: string, done: number, total: number): void {
    const now = Date.now();
    if (done < total && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const width = 24;
    const fraction = total === 0 ? 1 : done / total;
    const filled = Math.round(fraction * width);
    const elapsed = (now - this.started) / 1000;
    const eta = done > 0 ? (elapsed / done) * (total - done) : NaN;
    const line = `${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} sentences, ETA ${formatSeconds(eta)}`;
    this.drawn = true;
    this.stream.write(`\r${line.slice(0, (this.stream.columns ?? 100) - 1)}\x1b[K`);
  }

  /** A status line in the bar's place, e.g. while the model loads. */
  message(text: string): void {
    this.drawn = true;
    this.stream.write(`\r${text.slice(0, (this.stream.columns ?? 100) - 1)}\x1b[K`);
  }

  clear(): void {
    if (!this.drawn) return;
    this.drawn = false;
    this.stream.write('\r\x1b[K');
  }
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--';
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, '0')}s`;
}
