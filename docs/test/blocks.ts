/** The fenced code blocks of the migration guides, with their language and whether a test runs them. */
import { readdirSync, readFileSync } from 'node:fs';

export interface Block {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  run: boolean;
  code: string;
}

export const GUIDES_DIR = new URL('../migration/', import.meta.url);

export function guideBlocks(): Block[] {
  const blocks: Block[] = [];
  for (const file of readdirSync(GUIDES_DIR)
    .filter((f) => f.endsWith('.md'))
    .sort()) {
    const lines = readFileSync(new URL(file, GUIDES_DIR), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const open = /^```(\S*)\s*(.*)$/.exec(lines[i]!);
      if (!open) continue;
      const end = lines.indexOf('```', i + 1);
      if (end < 0) throw new Error(`${file}:${i + 1}: unclosed code block`);
      blocks.push({
        file,
        line: i + 1,
        lang: open[1]!,
        run: open[2]!.trim() === 'run',
        code: lines.slice(i + 1, end).join('\n'),
      });
      i = end;
    }
  }
  return blocks;
}
