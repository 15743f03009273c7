// The `knack` unit-data driver: today's sensor inventory of a data source, read from Knack as
// the source plugin's mapping says, with the configured object ids winning over the plugin's.
import {
  ConfigError,
  unitDataHeader,
  type DriverConfig,
  type DriverEnv,
  type InventoryFilter,
  type UnitDataDriver,
  type UnitDataMapping,
  type UnitDataSnapshot,
} from '@lake/core';
import { buildInventory } from './inventory';
import { KnackClient, type KnackClientOptions, type KnackFieldMap, type KnackFilter } from './knack-client';
import { InventoryLabelMissing, NoUnitDataMapping } from './knack-errors';

export const KNACK_DRIVER = 'knack';

/** Object ids a deployment may set instead of the plugin's defaults. */
export interface KnackObjectOverrides {
  deviceObject?: string;
  locationObject?: string;
  /** `null` reads every device record. */
  deviceFilter?: InventoryFilter | null;
}

/** `unitData` (or `unitData.<code>`) in lake.config.json. */
export interface KnackUnitDataConfig extends DriverConfig {
  driver: 'knack';
  appId: string;
  /** Usually `${env:KNACK_API_KEY}`. */
  apiKey: string;
  baseUrl?: string;
  /** Prefix of the snapshot file name (default: the config's areaBase, else Austin). */
  areaBase?: string;
  /** Overrides for every source, or per data source code: `{ "bt": { "deviceObject": … } }`. */
  objects?: KnackObjectOverrides | Record<string, KnackObjectOverrides>;
}

const OVERRIDE_KEYS = ['deviceObject', 'locationObject', 'deviceFilter'];

export class KnackUnitDataDriver implements UnitDataDriver {
  private readonly client: KnackClient;

  /** `clientOptions` are for library users and tests (timeouts, an injected clock). */
  constructor(
    private readonly settings: DriverConfig,
    private readonly env: DriverEnv,
    clientOptions: Partial<KnackClientOptions> = {},
  ) {
    const appId = requiredText(settings, 'appId', 'KNACK_APP_ID');
    const apiKey = requiredText(settings, 'apiKey', 'KNACK_API_KEY');
    const baseUrl = optionalText(settings, 'baseUrl');
    this.client = new KnackClient({ appId, apiKey, baseUrl, log: env.log, ...clientOptions });
  }

  async fetch(dataSource: string): Promise<UnitDataSnapshot> {
    const mapping = this.mappingFor(dataSource);
    const deviceFields = await this.client.fields(mapping.deviceObject);
    const locationFields = await this.client.fields(mapping.locationObject);
    const devices = await this.client.records(mapping.deviceObject, { filters: deviceQuery(mapping, deviceFields) });
    const locations = await this.client.records(mapping.locationObject, { raw: true });
    const inventory = buildInventory(mapping, {
      devices,
      locations,
      deviceLabels: ['id', ...deviceFields.labelOf.values()],
      locationLabels: ['id', ...locationFields.labelOf.values()],
    });
    if (inventory.duplicateLocationIds.length) {
      this.env.log.warn(
        `Knack ${mapping.locationObject}: ${mapping.joinOn} ${inventory.duplicateLocationIds.join(', ')} found on several locations; the first of each was used`,
      );
    }
    this.env.log.debug(`Knack: ${devices.length} ${dataSource} devices, ${locations.length} locations`);
    const areaBase = optionalText(this.settings, 'areaBase') ?? this.env.config.areaBase ?? 'Austin';
    return { header: unitDataHeader({ areaBase, dataSource, time: this.env.time }), devices: inventory.devices };
  }

  async close(): Promise<void> {}

  /** The plugin's mapping with this deployment's object ids. */
  private mappingFor(dataSource: string): UnitDataMapping {
    const mapping = this.env.registry.unitDataMapping(KNACK_DRIVER, dataSource);
    if (!mapping) {
      const stagesPlugin = this.env.registry.plugins().find((plugin) => plugin.stages?.some((stage) => stage.dataSource === dataSource));
      throw new NoUnitDataMapping(dataSource, stagesPlugin?.name);
    }
    const overrides = overridesFor(this.settings.objects, dataSource);
    const merged: UnitDataMapping = { ...mapping, ...overrides, deviceFilter: overrides.deviceFilter === null ? undefined : (overrides.deviceFilter ?? mapping.deviceFilter) };
    return merged;
  }
}

/** The Knack filter of the device query; the mapping may name the field by key or by label. */
function deviceQuery(mapping: UnitDataMapping, fields: KnackFieldMap): KnackFilter | undefined {
  const filter = mapping.deviceFilter;
  if (!filter) return undefined;
  const key = fields.labelOf.has(filter.field) ? filter.field : fields.keyOf.get(filter.field);
  if (!key) throw new InventoryLabelMissing(filter.field, 'the device filter', `the device table ${mapping.deviceObject} has no such field`);
  return { match: 'and', rules: [{ field: key, operator: 'is', value: filter.value }] };
}

function overridesFor(objects: unknown, dataSource: string): KnackObjectOverrides {
  if (!isRecord(objects)) return {};
  const chosen = isRecord(objects[dataSource]) ? objects[dataSource] : OVERRIDE_KEYS.some((key) => key in objects) ? objects : {};
  const overrides: KnackObjectOverrides = {};
  for (const key of ['deviceObject', 'locationObject'] as const) {
    if (chosen[key] === undefined) continue;
    if (typeof chosen[key] !== 'string' || chosen[key] === '') throw new ConfigError(`unitData.objects.${key} must be a Knack object key such as "object_56"`);
    overrides[key] = chosen[key];
  }
  const filter = chosen.deviceFilter;
  if (filter === null) overrides.deviceFilter = null;
  else if (filter !== undefined) {
    if (!isRecord(filter) || typeof filter.field !== 'string' || (typeof filter.value !== 'string' && typeof filter.value !== 'number')) {
      throw new ConfigError('unitData.objects.deviceFilter must look like { "field": "field_884", "value": "BLUETOOTH" }', 'or null to read every device record');
    }
    overrides.deviceFilter = { field: filter.field, value: filter.value };
  }
  return overrides;
}

function requiredText(settings: DriverConfig, name: string, envName: string): string {
  const value = settings[name];
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw new ConfigError(
    `the knack unit-data driver needs "${name}"`,
    `add "${name}": "\${env:${envName}}" to the unitData block of lake.config.json and export ${envName}`,
  );
}

function optionalText(settings: DriverConfig, name: string): string | undefined {
  const value = settings[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') throw new ConfigError(`unitData.${name} must be text`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
