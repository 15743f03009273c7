// lake.config.json of a production lake pointed at the in-test services: every driver a
// production one, every secret an `${env:…}` reference (the file itself holds none).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogBackend } from './prod-catalog';
import { DATASETS, DEBUG_DATASETS, KNACK_APP_ID, type ProductionServices } from './prod-services';

export interface ProductionConfigOptions {
  services: ProductionServices;
  backend: CatalogBackend;
  sourceDir: string;
  /** Map the datasets to their debug twins (`publish.debugDatasets`); default true. */
  debugDatasets?: boolean;
  /** Settings over the publish block (another portal URL, fewer attempts, …). */
  publish?: Record<string, unknown>;
}

export function productionConfig(options: ProductionConfigOptions): Record<string, unknown> {
  const { services, backend, sourceDir } = options;
  return {
    timeZone: 'America/Chicago',
    areaBase: 'Austin',
    storage: {
      driver: 's3',
      endpoint: services.s3.endpoint,
      region: 'us-east-1',
      accessKeyId: '${env:AWS_ACCESS_KEY_ID}',
      secretAccessKey: '${env:AWS_SECRET_ACCESS_KEY}',
    },
    ...backend.config(),
    publish: {
      driver: 'socrata',
      baseUrl: services.soda.url,
      username: '${env:SOCRATA_USER}',
      password: '${env:SOCRATA_PASSWORD}',
      appToken: '${env:SOCRATA_APP_TOKEN}',
      ...(options.debugDatasets === false ? {} : { debugDatasets: DEBUG_DATASETS }),
      ...options.publish,
    },
    unitData: { driver: 'knack', baseUrl: services.knack.baseUrl, appId: KNACK_APP_ID, apiKey: '${env:KNACK_API_KEY}' },
    sources: { bt: { sourcedir: sourceDir, datasets: { ...DATASETS } } },
  };
}

/** Writes `<dir>/lake.config.json` (where `lake` finds it without --config); returns its path. */
export function writeProductionConfig(dir: string, options: ProductionConfigOptions): string {
  const file = path.join(dir, 'lake.config.json');
  writeFileSync(file, JSON.stringify(productionConfig(options), null, 2));
  return file;
}
