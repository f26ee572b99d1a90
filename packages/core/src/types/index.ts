/** Request and response types of the Amazon Pay API v2 (types only, no runtime code). */
export type * from './common.js';
export type * from './checkout.js';
export type * from './chargePermission.js';
export type * from './charge.js';
export type * from './refund.js';
export type * from './buyer.js';
export type * from './delivery.js';
export type * from './token.js';
export type * from './reports.js';
export type * from './disbursements.js';
export type * from './merchant.js';
export type * from './disputes.js';
export type * from './instore.js';
export type * from './errors.js';
