// A plugin shipped with the host keeps its stages even when a user-linked plugin that claims the
// same stage name happens to register first (oclif runs init hooks concurrently).
import { DuplicateStage, Registry } from './registry';
import { CORE_VERSION } from '../version';
import type { LakePlugin } from './lake-plugin';

const stage = (name: string) => ({ name }) as never;
const linked: LakePlugin = {
  name: 'linked-clash',
  coreRange: CORE_VERSION,
  stages: [stage('bt:ready'), stage('xx:other')],
  drivers: { storage: { clash: () => ({}) as never } },
};
const firstParty: LakePlugin = { name: '@lake/source-bluetooth', coreRange: CORE_VERSION, stages: [stage('bt:insert'), stage('bt:ready')] };

describe('Registry: first-party precedence', () => {
  it('displaces a linked plugin that took a first-party stage name first, and refuses it', () => {
    const registry = new Registry().register(linked).register(firstParty, { firstParty: true });

    expect(registry.stages().map((registered) => registered.name)).toEqual(['bt:insert', 'bt:ready']);
    expect(registry.driverNames('storage')).not.toContain('clash');
    expect(registry.refusalOfPlugin('linked-clash')).toBeInstanceOf(DuplicateStage);
    expect(registry.refusalOfPlugin('linked-clash')?.message).toBe('stage bt:ready is contributed by both @lake/source-bluetooth and linked-clash');
    expect(registry.refusalOf('xx:other')).toBeInstanceOf(DuplicateStage);
    expect(registry.refusalOf('bt:ready')).toBeUndefined();
    expect(registry.takeDisplacedRefusals().map((refusal) => refusal.message)).toEqual(['stage bt:ready is contributed by both @lake/source-bluetooth and linked-clash']);
    expect(registry.takeDisplacedRefusals()).toEqual([]);
  });

  it('refuses a linked plugin that comes second', () => {
    const registry = new Registry().register(firstParty, { firstParty: true });
    expect(() => registry.register(linked)).toThrow(DuplicateStage);
    expect(registry.stages().map((registered) => registered.name)).toEqual(['bt:insert', 'bt:ready']);
  });

  it('never lets one first-party plugin displace another', () => {
    const registry = new Registry().register(firstParty, { firstParty: true });
    expect(() => registry.register({ ...linked, name: '@lake/other' }, { firstParty: true })).toThrow(DuplicateStage);
  });
});
