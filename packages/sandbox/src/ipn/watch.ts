/**
 * Finds the state changes IPNs report by watching writes: a store wrapper compares the `statusDetails.state`
 * of each Charge Permission, Charge and Refund written with the one stored before. Every path that changes
 * a state (operations, the buyer pages, timers applied when a record is read or by `advance`) writes the
 * record, so none can be missed. A new object counts as a change into its first state.
 */
import { stateOf, type Timed } from '../lifecycle.js';
import type { RecordKind, SandboxStore } from '../store.js';
import type { SandboxIpnMessage } from './envelope.js';

export interface StateChange {
  ObjectType: SandboxIpnMessage['ObjectType'];
  ObjectId: string;
  ChargePermissionId: string;
}

type Watched = {
  objectType: StateChange['ObjectType'];
  idField: string;
  permissionOf(record: Record<string, unknown>, store: SandboxStore): Promise<string>;
};

/** The kinds that send IPNs, their ObjectType, and how to find the Charge Permission each belongs to. */
export const WATCHED: Partial<Record<RecordKind, Watched>> = {
  chargePermission: {
    objectType: 'CHARGE_PERMISSION',
    idField: 'chargePermissionId',
    permissionOf: async (r) => String(r['chargePermissionId']),
  },
  charge: { objectType: 'CHARGE', idField: 'chargeId', permissionOf: async (r) => String(r['chargePermissionId']) },
  refund: {
    objectType: 'REFUND',
    idField: 'refundId',
    // A refund names its charge only; the charge names the permission.
    permissionOf: async (r, store) =>
      String(
        ((await store.get('charge', String(r['chargeId']))) as { chargePermissionId?: string } | undefined)
          ?.chargePermissionId ?? '',
      ),
  },
};

export function watchStore(store: SandboxStore, onChange: (change: StateChange) => void): SandboxStore {
  return {
    get: (kind, id) => store.get(kind, id),
    list: (kind) => store.list(kind),
    delete: (kind, id) => store.delete(kind, id),
    async put(kind, id, value) {
      const watched = WATCHED[kind];
      if (!watched) return store.put(kind, id, value);
      const before = stateOf(((await store.get(kind, id)) ?? {}) as Timed);
      await store.put(kind, id, value);
      const after = stateOf(value as Timed);
      if (after === undefined || after === before) return;
      onChange({
        ObjectType: watched.objectType,
        ObjectId: id,
        ChargePermissionId: await watched.permissionOf(value as Record<string, unknown>, store),
      });
    },
  };
}
