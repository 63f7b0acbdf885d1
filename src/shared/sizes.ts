/** A size as people read it: 2048 bytes is "2 KiB", 10485760 is "10 MiB". */
export function readableSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [unit, size] = bytes < 1024 * 1024 ? ['KiB', bytes / 1024] : ['MiB', bytes / (1024 * 1024)];
  return `${size.toLocaleString('en', { maximumFractionDigits: 1 })} ${unit}`;
}
