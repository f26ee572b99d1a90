// The Worker for the Durable Object store contract: one SQLite-backed class that serves the IPN store.
import {
  createDurableObjectStorageIpnStore,
  handleIpnStoreRequest,
} from '@amazon-pay-edge/core/ipn/stores/durable-object';

export class IpnInbox {
  constructor(state) {
    this.store = createDurableObjectStorageIpnStore(state.storage);
  }
  fetch(request) {
    return handleIpnStoreRequest(this.store, request);
  }
}

export default { fetch: () => new Response('IPN store test worker') };
