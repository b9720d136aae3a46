/** `1 pin`, `2 pins`: an English count with its noun in the right number (`plural` for irregular nouns). */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : plural}`;
}
