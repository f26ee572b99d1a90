/**
 * Disputes (PSP flows) and evidence files, minimally: a dispute on a Captured charge for at most the
 * captured amount; ActionRequired -> UnderReview when contested; the PSP reports the outcome by update.
 */
import type { Environment } from '@amazon-pay-edge/core';
import { stamp } from '../clock.js';
import { load, ok, present, releaseEnvironment, save, type Ctx, type HandlerResult } from '../context.js';
import { ApiError } from '../errors.js';
import { ids } from '../ids.js';
import { sameCurrency, toMinor, type Price } from '../money.js';
import { arr, body, obj, price, str, time } from '../validate.js';
import type { ChargeRecord } from './records.js';

const DISPUTE_STATES = ['ActionRequired', 'UnderReview', 'Resolved', 'Closed'];
const FILING_REASONS = [
  'ProductNotReceived',
  'ProductUnacceptable',
  'ProductNoLongerNeeded',
  'CreditNotProcessed',
  'Overcharged',
  'DuplicateCharge',
  'SubscriptionCancelled',
  'Unrecognized',
  'Fraudulent',
  'Other',
];
const EVIDENCE_TYPES = [
  'ProductDescription',
  'Receipt',
  'CancellationPolicy',
  'CustomerSignature',
  'TrackingNumber',
  'CarrierName',
  'DeviceId',
  'DeviceName',
  'DownloadDateTime',
  'Other',
];
const FILE_TYPES = ['csv', 'pdf', 'xls', 'xlsx', 'doc', 'docx', 'ods', 'jpg', 'png'];

interface DisputeRecord {
  disputeId: string;
  chargeId: string;
  statusDetails: Record<string, unknown> & { state: string };
  merchantEvidences: unknown[] | null;
  _env: Environment;
  [key: string]: unknown;
}

export async function createDispute(ctx: Ctx): Promise<HandlerResult> {
  const input = body<Record<string, any>>(
    {
      fields: {
        chargeId: str({ max: 64 }),
        providerMetadata: obj({ fields: { providerDisputeId: str({ max: 256 }) }, required: ['providerDisputeId'] }),
        disputeAmount: price,
        filingReason: str({ oneOf: FILING_REASONS }),
        filingTimestamp: time,
        statusDetails: obj({ fields: { state: str({ oneOf: DISPUTE_STATES }) }, required: ['state'] }),
        merchantResponseDeadline: time,
      },
      required: ['chargeId', 'providerMetadata', 'disputeAmount', 'filingReason', 'filingTimestamp', 'statusDetails'],
    },
    ctx.body,
  );
  const charge = await load<ChargeRecord>(ctx, 'charge', input['chargeId']);
  if (charge.statusDetails.state !== 'Captured' || !charge.captureAmount) {
    throw new ApiError(
      'InvalidChargeStatus',
      `Charge ${charge.chargeId} is ${charge.statusDetails.state}; only a Captured charge can be disputed.`,
    );
  }
  const amount = input['disputeAmount'] as Price;
  sameCurrency(amount, charge.captureAmount.currencyCode, 'disputeAmount');
  if (toMinor(amount) > toMinor(charge.captureAmount))
    throw new ApiError(
      'TransactionAmountExceeded',
      `disputeAmount ${amount.amount} is more than the captured ${charge.captureAmount.amount}.`,
    );
  const dispute: DisputeRecord = {
    disputeId: ids.dispute(ctx.env),
    chargeId: charge.chargeId,
    disputeType: 'Chargeback',
    disputeAmount: amount,
    filingReason: input['filingReason'],
    filingTimestamp: stamp(input['filingTimestamp']),
    resolutionAuthority: 'CardIssuer',
    statusDetails: {
      state: input['statusDetails'].state,
      resolution: null,
      reasonCode: 'ChargebackFiled',
      reasonDescription: null,
      lastUpdatedTimestamp: stamp(ctx.now),
    },
    merchantResponseDeadline:
      input['merchantResponseDeadline'] === undefined ? null : stamp(input['merchantResponseDeadline']),
    closureTimestamp: null,
    merchantEvidences: null,
    providerMetadata: input['providerMetadata'],
    releaseEnvironment: releaseEnvironment(ctx.env),
    _env: ctx.env,
  };
  await save(ctx, 'dispute', dispute.disputeId, dispute);
  return ok(present(dispute as never), 201);
}

export async function getDispute(ctx: Ctx): Promise<HandlerResult> {
  return ok(present(await load(ctx, 'dispute', ctx.params['disputeId']!)));
}

export async function updateDispute(ctx: Ctx): Promise<HandlerResult> {
  const input = body<Record<string, any>>(
    {
      fields: {
        statusDetails: obj({
          fields: {
            state: str({ oneOf: DISPUTE_STATES }),
            resolution: str({ oneOf: ['BuyerWon', 'MerchantWon', 'NoFault'] }),
            reasonCode: str({ max: 64 }),
            reasonDescription: str({ max: 1024 }),
          },
          required: ['state'],
        }),
        closureTimestamp: time,
      },
      required: ['statusDetails'],
    },
    ctx.body,
  );
  const dispute = await load<DisputeRecord>(ctx, 'dispute', ctx.params['disputeId']!);
  if (dispute.statusDetails.state === 'Closed')
    throw new ApiError('InvalidRequest', `Dispute ${dispute.disputeId} is Closed and cannot change.`);
  dispute.statusDetails = { ...dispute.statusDetails, ...input['statusDetails'], lastUpdatedTimestamp: stamp(ctx.now) };
  if (input['closureTimestamp'] !== undefined) dispute['closureTimestamp'] = stamp(input['closureTimestamp']);
  await save(ctx, 'dispute', dispute.disputeId, dispute);
  return ok(present(dispute as never));
}

export async function contestDispute(ctx: Ctx): Promise<HandlerResult> {
  const input = body<{ merchantEvidences: Record<string, string>[] }>(
    {
      fields: {
        merchantEvidences: arr(
          obj({
            fields: {
              evidenceType: str({ oneOf: EVIDENCE_TYPES }),
              fileId: str({ max: 128 }),
              evidenceText: str({ max: 10_000 }),
            },
            required: ['evidenceType'],
          }),
          { min: 1 },
        ),
      },
      required: ['merchantEvidences'],
    },
    ctx.body,
  );
  const dispute = await load<DisputeRecord>(ctx, 'dispute', ctx.params['disputeId']!);
  if (dispute.statusDetails.state !== 'ActionRequired') {
    throw new ApiError(
      'InvalidRequest',
      `Dispute ${dispute.disputeId} is ${dispute.statusDetails.state}; evidence can only be ` +
        `submitted while ActionRequired.`,
    );
  }
  for (const evidence of input.merchantEvidences) {
    if (!evidence['fileId'] && !evidence['evidenceText'])
      throw new ApiError('MissingParameterValue', 'Each merchantEvidences entry needs a fileId or an evidenceText.');
    if (evidence['fileId']) await load(ctx, 'file', evidence['fileId']);
  }
  dispute.merchantEvidences = [...(dispute.merchantEvidences ?? []), ...input.merchantEvidences];
  dispute.statusDetails = {
    ...dispute.statusDetails,
    state: 'UnderReview',
    reasonCode: null,
    lastUpdatedTimestamp: stamp(ctx.now),
  };
  await save(ctx, 'dispute', dispute.disputeId, dispute);
  return ok(present(dispute as never));
}

export async function uploadFile(ctx: Ctx): Promise<HandlerResult> {
  const input = body<{ type: string; purpose: string }>(
    {
      fields: { type: str({ oneOf: FILE_TYPES }), purpose: str({ oneOf: ['disputeEvidence'] }) },
      required: ['type', 'purpose'],
    },
    ctx.body,
  );
  const id = ids.file();
  const file = {
    id,
    fileId: id,
    type: input.type,
    purpose: input.purpose,
    url: `${ctx.origin}/sandbox-ui/files/${id}`,
    size: 5 * 1024 * 1024,
    uploadTimestamp: stamp(ctx.now),
    urlExpirationTimestamp: stamp(ctx.now + 15 * 60_000),
  };
  await save(ctx, 'file', id, { ...file, _env: ctx.env });
  return ok(file, 201);
}
