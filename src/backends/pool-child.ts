/**
 * A local pool's child process: loads the model once (the spec comes from the
 * parent, so both read the same settings) and decodes one chunk at a time.
 * It exits when the parent disconnects.
 */
import { isLv2enError } from '../core/errors.js';
import { ChunkServer } from './chunk-server.js';
import type { FromChild, ToChild } from './pool-protocol.js';

const send = (message: FromChild) => process.send?.(message);
let server: ChunkServer | null = null;

process.on('message', async (message: ToChild) => {
  if (message.type === 'init') {
    try {
      server = await ChunkServer.load(message.spec, { threads: message.threads });
      send({ type: 'ready', key: server.modelKey.key });
    } catch (error) {
      send(
        isLv2enError(error)
          ? { type: 'init-failed', message: error.message, code: error.code, hint: error.hint }
          : { type: 'init-failed', message: error instanceof Error ? error.message : String(error) },
      );
    }
    return;
  }
  try {
    if (!server) throw new Error('chunk before init');
    send({ type: 'done', id: message.id, targets: await server.run(message.payload) });
  } catch (error) {
    send({ type: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
});

process.on('disconnect', () => {
  void (server?.dispose() ?? Promise.resolve()).finally(() => process.exit(0));
});
