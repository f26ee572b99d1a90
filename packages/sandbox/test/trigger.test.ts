// sandbox.trigger(): every event makes its object (found by a signed GET through the client), and sends an
// SNS-signed IPN that core's inbox verifies with the sandbox's certificate and de-duplicates.
import { createIpnHandler, createIpnVerifier, type IpnNotification } from '@amazon-pay-edge/core';
import { describe, expect, it } from 'vitest';
import { SandboxConfigError, TRIGGER_EVENTS, type SandboxTriggerEvent } from '../src/index.js';
import { setup } from './helpers.js';

/** The state each event leaves its object in, as Get Charge Permission / Charge / Refund shows it. */
const STATE: Record<SandboxTriggerEvent, string | undefined> = {
  'charge_permission.chargeable': 'Chargeable',
  'charge_permission.updated': 'Chargeable',
  'charge_permission.closed': 'Closed',
  'charge.authorized': 'Authorized',
  'charge.captured': 'Captured',
  'charge.declined': 'Declined',
  'charge.canceled': 'Canceled',
  'refund.refunded': 'Refunded',
  'refund.declined': 'Declined',
  'chargeback.created': undefined,
};

/** An endpoint built from createIpnHandler that re-fetches each object, and what it saw. */
function endpoint(sandbox: ReturnType<typeof setup>['sandbox'], client: ReturnType<typeof setup>['client']) {
  const runs: { notification: IpnNotification; state: string | undefined }[] = [];
  const verifier = createIpnVerifier({ fetch: sandbox.fetch, allowedCertificateHosts: ['pay-api.amazon.com'] });
  const handler = createIpnHandler({
    verifier,
    handle: async (n) => {
      const get = {
        CHARGE_PERMISSION: () => client.getChargePermission(n.ObjectId),
        CHARGE: () => client.getCharge(n.ObjectId),
        REFUND: () => client.getRefund(n.ObjectId),
      }[n.ObjectType as string];
      const state = get ? ((await get()).data as { statusDetails: { state: string } }).statusDetails.state : undefined;
      runs.push({ notification: n, state });
    },
  });
  return { runs, deliver: (request: Request) => handler(request) };
}

describe('sandbox.trigger', () => {
  for (const event of Object.keys(TRIGGER_EVENTS) as SandboxTriggerEvent[]) {
    it(`${event}: the object exists in its state and the signed IPN is processed once`, async () => {
      const { sandbox, client } = setup();
      const { runs, deliver } = endpoint(sandbox, client);
      const result = await sandbox.trigger({ event, to: 'https://shop.example/ipn', duplicates: 2, deliver });
      expect(result.deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
      expect(result.ok).toBe(true);
      // One MessageId: SNS redelivers the same message.
      expect(new Set(result.deliveries.map((d) => d.envelope['MessageId'])).size).toBe(1);
      expect(runs).toHaveLength(1);
      const spec = TRIGGER_EVENTS[event];
      expect(runs[0]!.notification).toMatchObject({
        ObjectType: spec.objectType,
        NotificationType: spec.notificationType,
        ObjectId: result.message.ObjectId,
        ChargePermissionId: result.message.ChargePermissionId,
        NotificationVersion: 'V2',
      });
      expect(runs[0]!.state).toBe(STATE[event]);
      // The envelope is SNS's, in SNS's key order.
      expect(Object.keys(result.deliveries[0]!.envelope)).toEqual([
        'Type',
        'MessageId',
        'TopicArn',
        'Message',
        'Timestamp',
        'SignatureVersion',
        'Signature',
        'SigningCertURL',
        'UnsubscribeURL',
      ]);
    });
  }

  it('outOfOrder sends the earlier states after the event; the endpoint runs once per notification', async () => {
    const { sandbox, client } = setup();
    const { runs, deliver } = endpoint(sandbox, client);
    const result = await sandbox.trigger({
      event: 'charge.captured',
      to: 'https://shop.example/ipn',
      duplicates: 1,
      outOfOrder: true,
      deliver,
    });
    const sent = result.deliveries.map((d) => `${d.message!.ObjectType}`);
    // Captured first, then (newest first) the permission's Closed (fully captured), the Charge's
    // Authorized and the permission's Chargeable; twice.
    expect(sent).toEqual([
      'CHARGE',
      'CHARGE_PERMISSION',
      'CHARGE',
      'CHARGE_PERMISSION',
      'CHARGE',
      'CHARGE_PERMISSION',
      'CHARGE',
      'CHARGE_PERMISSION',
    ]);
    expect(result.deliveries.every((d) => d.status === 200)).toBe(true);
    expect(runs).toHaveLength(4);
    // Every re-fetch shows the current state, whatever order the IPNs came in.
    expect(runs.filter((r) => r.notification.ObjectType === 'CHARGE').map((r) => r.state)).toEqual([
      'Captured',
      'Captured',
    ]);
  });

  it('outOfOrder after an ATTRIBUTE_CHANGE sends the state change that made the permission Chargeable', async () => {
    const { sandbox, client } = setup();
    const { runs, deliver } = endpoint(sandbox, client);
    const result = await sandbox.trigger({
      event: 'charge_permission.updated',
      to: 'https://shop.example/ipn',
      outOfOrder: true,
      deliver,
    });
    expect(result.deliveries.map((d) => `${d.message!.ObjectType} ${d.message!.NotificationType}`)).toEqual([
      'CHARGE_PERMISSION ATTRIBUTE_CHANGE',
      'CHARGE_PERMISSION STATE_CHANGE',
    ]);
    expect(runs.map((r) => r.state)).toEqual(['Chargeable', 'Chargeable']);
  });

  it('sends nothing and makes nothing for bad options', async () => {
    const { sandbox } = setup();
    const bad = [
      { event: 'charge.refunded', to: 'https://shop.example/ipn' },
      { event: 'charge.captured', to: 'ftp://shop.example/ipn' },
      { event: 'charge.captured', to: 'https://shop.example/ipn', duplicates: -1 },
      { event: 'charge.captured', to: 'https://shop.example/ipn', delayMs: 1.5 },
    ];
    for (const options of bad) {
      await expect(sandbox.trigger(options as never)).rejects.toBeInstanceOf(SandboxConfigError);
    }
    await expect(sandbox.trigger(bad[0] as never)).rejects.toThrow(
      /Unknown event "charge.refunded"; use one of .*charge.captured/,
    );
    expect(sandbox.ipnDeliveries).toHaveLength(0);
    expect([...(await sandbox.store.list('checkoutSession'))]).toHaveLength(0);
  });

  it('reports an endpoint that cannot be reached', async () => {
    const { sandbox } = setup();
    const result = await sandbox.trigger({
      event: 'charge.authorized',
      to: 'http://127.0.0.1:9/ipn',
      deliver: async () => {
        throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      },
    });
    expect(result.ok).toBe(false);
    expect(result.deliveries[0]!.error).toBe('Delivery to http://127.0.0.1:9/ipn failed: fetch failed (ECONNREFUSED)');
  });
});
