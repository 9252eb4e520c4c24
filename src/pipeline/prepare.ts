import { Lv2enError } from '../core/errors.js';
import { type IngestInstance, STAGES, type StageServices, type WindowInstance } from '../stages/index.js';
import type { PreparedStages } from './run-document.js';

/** The stages the pipeline file picked, each set up once for the whole session. */
export function prepareStages(names: readonly string[], services: StageServices): { ingest: IngestInstance; stages: PreparedStages } {
  let ingest: IngestInstance | null = null;
  let segment: PreparedStages['segment'] | null = null;
  const windows: { name: string; instance: WindowInstance }[] = [];
  let write: PreparedStages['write'] = null;
  for (const stage of STAGES) {
    if (!names.includes(stage.name)) continue;
    switch (stage.role) {
      case 'ingest':
        ingest = stage.setup(services);
        break;
      case 'segment': {
        const instance = stage.setup(services);
        if (instance) segment = { name: stage.name, instance };
        break;
      }
      case 'window': {
        const instance = stage.setup(services);
        if (instance) windows.push({ name: stage.name, instance });
        break;
      }
      case 'write': {
        const instance = stage.setup(services);
        if (instance) write = { name: stage.name, instance };
        break;
      }
    }
  }
  if (!ingest || !segment) throw new Lv2enError('PIPELINE_CONFIG', 'the pipeline has no ingest or segment stage', 'Add them to stages:');
  return { ingest, stages: { segment, windows, write } };
}
