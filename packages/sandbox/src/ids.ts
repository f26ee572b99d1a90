/** Identifiers in the shapes Amazon uses (`S01-1234567-1234567`, `...-C1234567`, UUIDs, `amzn1.` ids). */
import type { Environment } from '@amazon-pay-edge/core';

function digits(n: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  let out = '';
  for (const b of bytes) out += String(b % 10);
  return out;
}

function chars(n: number, alphabet: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const HEX = '0123456789abcdef';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Live objects start with P, sandbox objects with S (as Amazon's do). */
const prefix = (env: Environment) => (env === 'live' ? 'P01' : 'S01');

export const ids = {
  requestId: () => crypto.randomUUID(),
  checkoutSession: () => crypto.randomUUID(),
  chargePermission: (env: Environment) => `${prefix(env)}-${digits(7)}-${digits(7)}`,
  charge: (chargePermissionId: string) => `${chargePermissionId}-C${digits(7)}`,
  refund: (chargePermissionId: string) => `${chargePermissionId}-R${digits(7)}`,
  buyer: () => `amzn1.account.${chars(28, UPPER)}`,
  buyerToken: () => chars(48, URL_SAFE),
  authorizationToken: () => `Atza|${chars(64, URL_SAFE)}`,
  report: () => digits(11),
  reportDocument: () => `amzn1.tortuga.4.na.${crypto.randomUUID()}`,
  reportSchedule: () => digits(11),
  merchantAccount: () => `A${chars(13, UPPER)}`,
  store: () => `amzn1.application-oa2-client.${chars(32, HEX)}`,
  dispute: (env: Environment) => `${prefix(env)}-${digits(7)}-${digits(7)}-D${digits(7)}`,
  file: () => crypto.randomUUID(),
  settlement: () => digits(11),
};
