/** Delivery trackers (Alexa Delivery Notifications): validated and echoed back, as Amazon does. */
import { load, ok, save, type Ctx, type HandlerResult } from '../context.js';
import { ApiError } from '../errors.js';
import { arr, body, obj, str } from '../validate.js';

const shape = {
  fields: {
    amazonOrderReferenceId: str({ max: 64 }),
    chargePermissionId: str({ max: 64 }),
    deliveryDetails: arr(
      obj({
        fields: { trackingNumber: str({ max: 100 }), carrierCode: str({ max: 50 }) },
        required: ['trackingNumber', 'carrierCode'],
      }),
      { min: 1, max: 10 },
    ),
  },
  required: ['deliveryDetails'],
};

export async function deliveryTrackers(ctx: Ctx): Promise<HandlerResult> {
  const input = body<{ amazonOrderReferenceId?: string; chargePermissionId?: string; deliveryDetails: unknown[] }>(
    shape,
    ctx.body,
  );
  if (input.amazonOrderReferenceId !== undefined && input.chargePermissionId !== undefined) {
    throw new ApiError(
      'InvalidParameterCombination',
      'Give either amazonOrderReferenceId or chargePermissionId, not both.',
    );
  }
  if (input.amazonOrderReferenceId === undefined && input.chargePermissionId === undefined) {
    throw new ApiError('MissingParameterValue', 'amazonOrderReferenceId or chargePermissionId is required.');
  }
  if (input.chargePermissionId !== undefined) await load(ctx, 'chargePermission', input.chargePermissionId);
  const echo = {
    amazonOrderReferenceId: input.amazonOrderReferenceId ?? null,
    chargePermissionId: input.chargePermissionId ?? null,
    deliveryDetails: input.deliveryDetails,
  };
  const id = `${echo.chargePermissionId ?? echo.amazonOrderReferenceId}`;
  await save(ctx, 'deliveryTracker', id, { ...echo, _env: ctx.env });
  return ok(echo);
}
