import type { Command } from 'commander';

// Wired to src/glossary once it lands.
export function registerGlossary(program: Command): void {
  program.command('glossary').description('inspect glossaries');
}
