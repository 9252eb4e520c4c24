import type { Command } from 'commander';
import { addSessionOptions, parseWholeNumber, type SessionFlags, sessionOptions } from './options.js';

interface ServeFlags extends SessionFlags {
  port?: number;
  host?: string;
  tokenFile?: string;
  jobs?: string;
  cors?: string[];
  trustProxy?: boolean;
  rateLimit?: number;
  charLimit?: number;
  quiet?: boolean;
}

export function registerServe(program: Command): void {
  const command = program
    .command('serve')
    .description('serve the translation API (LibreTranslate-compatible) and the live review workspace over one session')
    .option('--port <n>', 'port to listen on (default 8787; 0 takes a free one)', parsePort)
    .option('--host <address>', 'address to listen on (default 127.0.0.1; any other needs --token-file)')
    .option(
      '--token-file <file>',
      'API tokens, one a line (`name token`): every request must carry one (api_key, or Authorization: Bearer)',
    )
    .option('--jobs <dir>', 'a folder of lv2en outputs: its jobs are reviewed live at /review/<job>');
  addSessionOptions(command)
    .option('--cors <origin...>', 'origins allowed to call the translation API from a browser (default: none)')
    .option('--trust-proxy', 'behind a reverse proxy: take the client address and protocol from X-Forwarded-For / X-Forwarded-Proto')
    .option('--rate-limit <n>', 'requests per minute per token, with --token-file (default 600)', parseWholeNumber('--rate-limit'))
    .option('--char-limit <n>', 'longest text a request may send, in characters (default 10000)', parseWholeNumber('--char-limit'))
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      `
Routes: POST /translate, /detect, /translate_file; GET /languages,
/frontend/settings (as LibreTranslate serves them, so its clients work
unchanged); GET /health, /metrics (Prometheus); with --jobs, /review/<job>
(the review page, saving to the translation memory as you go) and its API
under /api/jobs. Requests from many clients share model batches.
SIGTERM or Ctrl-C stops taking requests, finishes those in flight, then exits.

Examples:
  lv2en serve --model toy                                  try it: curl -d q=Labdien -d source=lv -d target=en localhost:8787/translate
  lv2en serve --jobs out/                                   review out/'s jobs at http://127.0.0.1:8787/review/
  lv2en serve --host 0.0.0.0 --token-file tokens.txt        a team server (put TLS in front of it)`,
    )
    .action(async (flags: ServeFlags) => {
      // Loaded here: the other commands never pay for the HTTP server.
      const { serve } = await import('../serve/index.js');
      const log = (line: string) => {
        if (!flags.quiet) process.stderr.write(`lv2en serve: ${line}\n`);
      };
      const server = await serve({
        session: sessionOptions(flags),
        port: flags.port,
        host: flags.host,
        tokenFile: flags.tokenFile,
        jobs: flags.jobs,
        cors: flags.cors,
        trustProxy: flags.trustProxy,
        limits: {
          ...(flags.rateLimit !== undefined ? { requestsPerMinute: flags.rateLimit } : {}),
          ...(flags.charLimit !== undefined ? { charsPerText: flags.charLimit } : {}),
        },
        log,
      });
      process.stdout.write(`${server.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGTERM', stop);
          process.off('SIGINT', stop);
          resolve();
        };
        process.on('SIGTERM', stop);
        process.on('SIGINT', stop);
      });
      await server.close();
    });
}

function parsePort(value: string): number {
  return value.trim() === '0' ? 0 : parseWholeNumber('--port')(value);
}
