// The IPN bench inside workerd (Miniflare): the same loop as on Node, on D1 and on a Durable Object, so the
// figures are the Worker's own, without Miniflare's Node-side proxy in the path.
import { createD1IpnQueue, createD1IpnStore } from '@amazon-pay-edge/core/ipn/stores/sql';
import {
  createDurableObjectIpnQueue,
  createDurableObjectIpnStore,
  createDurableObjectStorageIpnQueue,
  createDurableObjectStorageIpnStore,
  handleIpnQueueRequest,
  handleIpnStoreRequest,
} from '@amazon-pay-edge/core/ipn/stores/durable-object';
import { measure } from './ipn-measure.mjs';

export class IpnInbox {
  constructor(state) {
    this.store = createDurableObjectStorageIpnStore(state.storage);
  }
  fetch(request) {
    return handleIpnStoreRequest(this.store, request);
  }
}

export class IpnQueue {
  constructor(state) {
    this.queue = createDurableObjectStorageIpnQueue(state.storage);
  }
  fetch(request) {
    return handleIpnQueueRequest(this.queue, request);
  }
}

export default {
  async fetch(request, env) {
    const { engine, mode, bodies, certificatePem, inFlight } = await request.json();
    let target;
    if (engine === 'd1' && mode === 'sync') await (target = { store: createD1IpnStore(env.DB) }).store.createTable();
    if (engine === 'd1' && mode === 'durable') await (target = { queue: createD1IpnQueue(env.DB) }).queue.createTable();
    if (engine === 'durable-object')
      target =
        mode === 'sync'
          ? { store: createDurableObjectIpnStore(env.IPN_INBOX) }
          : { queue: createDurableObjectIpnQueue(env.IPN_QUEUE) };
    return Response.json(await measure(target, { bodies, certificatePem }, inFlight));
  },
};
