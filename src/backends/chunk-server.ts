import type { ModelSpec } from '../models/config.js';
import { loadModel, type LoadedModel } from '../models/load.js';
import { MarianTranslator } from '../translate/marian.js';
import { modelKeyOf, type ModelKey } from '../models/identity.js';
import { parsePayload } from './payload.js';

/**
 * The model side of every out-of-process backend (a queue worker, a pool
 * child): loads the model once, checks each incoming chunk and decodes it
 * exactly as the in-process translator would decode that batch.
 */
export class ChunkServer {
  private constructor(
    readonly spec: ModelSpec,
    readonly modelKey: ModelKey,
    readonly threads: number | undefined,
    private readonly loaded: LoadedModel,
    private readonly translator: MarianTranslator,
  ) {}

  static async load(
    spec: ModelSpec,
    options: { threads?: number; load?: (spec: ModelSpec) => Promise<LoadedModel> } = {},
  ): Promise<ChunkServer> {
    const loaded = await (options.load ? options.load(spec) : loadModel(spec, { threads: options.threads }));
    const translator = new MarianTranslator(loaded);
    // Builds the sessions now, so the first chunk does not pay for it (nor risk a lock expiring while it loads).
    await translator.decodingModel();
    return new ChunkServer(spec, await modelKeyOf(spec), options.threads, loaded, translator);
  }

  /** Targets of one untrusted chunk payload; throws InvalidPayloadError for a malformed or hostile one. */
  async run(raw: unknown): Promise<string[]> {
    const payload = parsePayload(raw, this.modelKey.key, (text) => this.translator.countTokens(text), this.translator.maxInputTokens);
    if (!payload.constraints) return this.translator.translateBatch(payload.sources);
    const constraints = payload.constraints;
    return this.translator.translateConstrained(payload.sources.map((source, i) => ({ source, constraints: constraints[i]! })));
  }

  async dispose(): Promise<void> {
    await this.loaded.model.dispose();
  }
}
