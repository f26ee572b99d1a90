// Names the guides' TypeScript blocks use without declaring them; the runner defines them on globalThis.
declare const publicKeyId: string;
declare const privateKeyPem: string;
declare const storeId: string;
declare const client: import('@amazon-pay-edge/core').WebStoreClient;
declare const checkoutSessionId: string;
declare const payload: import('@amazon-pay-edge/core').CreateCheckoutSessionRequest;
