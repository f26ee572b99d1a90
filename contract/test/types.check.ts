/**
 * Type-level contract, checked by tsc (run.mjs and `pnpm lint`'s typecheck): every sample response
 * Amazon publishes parses into the SDK's type with no missing and no extra members, level by level.
 * Members a sample cannot show are named with the reason (sent only in some flows, or newer than the
 * sample). Values are checked by assignability after widening the SDK's string unions to string, since
 * JSON imports type every string as `string`.
 */
import type {
  Address,
  BuyerInfo,
  ChargePermission,
  ChargePermissionStatusDetails,
  CheckoutSession,
  MerchantMetadata,
  PaymentDetails,
  Price,
  Refund,
  StatusDetails,
  WebCheckoutDetails,
} from '@amazon-pay-edge/core';
import type cp from '../samples/charge-permission.dotnet.json';
import type cs from '../samples/checkout-session.dotnet.json';
import type refund from '../samples/refund.dotnet.json';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
type Loose<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends readonly (infer E)[]
        ? Loose<E>[]
        : T extends object
          ? { [K in keyof T]: Loose<T[K]> }
          : T;
/** The sample's members equal the type's, minus the members the sample cannot show. */
type SameMembers<Sample, Type, NotShown extends PropertyKey = never> = Equal<
  Exclude<keyof Sample, NotShown>,
  Exclude<keyof Type, NotShown>
>;
type Parses<Sample, Type> = Sample extends Loose<Type> ? true : false;

// Charge Permission (a 2021 sandbox response). paymentMethodOnFileMetadata: Saved Wallet permissions only.
export type CpMembers = Assert<SameMembers<typeof cp, ChargePermission, 'paymentMethodOnFileMetadata'>>;
export type CpStatus = Assert<SameMembers<typeof cp.statusDetails, ChargePermissionStatusDetails>>;
export type CpBuyer = Assert<SameMembers<typeof cp.buyer, BuyerInfo>>;
// addressId: only on shippingAddressList entries (multi-address checkout).
export type CpAddress = Assert<SameMembers<typeof cp.billingAddress, Address, 'addressId'>>;
export type CpMetadata = Assert<SameMembers<typeof cp.merchantMetadata, MerchantMetadata>>;
export type CpLimits = Assert<SameMembers<typeof cp.limits, NonNullable<ChargePermission['limits']>>>;
export type CpRecurring = Assert<
  SameMembers<typeof cp.recurringMetadata, NonNullable<ChargePermission['recurringMetadata']>>
>;
export type CpParses = Assert<Parses<typeof cp, ChargePermission>>;

// Checkout Session (a 2020 sandbox response). It predates orderType, paymentMethodOnFileMetadata,
// merchantDetails and tokens (listed by the Node SDK 2.3.3 integration tests); cartDetails comes from
// Finalize only, shippingAddressList / multiAddressesCheckoutMetadata with multi-address checkout only.
type CsNotShown =
  | 'orderType'
  | 'paymentMethodOnFileMetadata'
  | 'merchantDetails'
  | 'tokens'
  | 'cartDetails'
  | 'shippingAddressList'
  | 'multiAddressesCheckoutMetadata';
export type CsMembers = Assert<SameMembers<typeof cs, CheckoutSession, CsNotShown>>;
// checkoutCancelUrl / checkoutMode: echoed only when the merchant set them.
export type CsWeb = Assert<
  SameMembers<typeof cs.webCheckoutDetails, WebCheckoutDetails, 'checkoutCancelUrl' | 'checkoutMode'>
>;
// estimateOrderTotal: only when the merchant sent one (newer than the sample).
export type CsPayment = Assert<SameMembers<typeof cs.paymentDetails, PaymentDetails, 'estimateOrderTotal'>>;
export type CsPrice = Assert<SameMembers<typeof cs.paymentDetails.chargeAmount, Price>>;
// The 2020 buyer predates phoneNumber / primeMembershipTypes (the 2021 Charge Permission sample has them).
export type CsBuyer = Assert<SameMembers<typeof cs.buyer, BuyerInfo, 'phoneNumber' | 'primeMembershipTypes'>>;
export type CsStatus = Assert<SameMembers<typeof cs.statusDetails, StatusDetails>>;
export type CsAddress = Assert<SameMembers<typeof cs.shippingAddress, Address, 'addressId'>>;
export type CsParses = Assert<Parses<typeof cs, CheckoutSession>>;

// Refund (Amazon's sample).
export type RefundMembers = Assert<SameMembers<typeof refund, Refund>>;
export type RefundStatus = Assert<SameMembers<typeof refund.statusDetails, StatusDetails>>;
export type RefundParses = Assert<Parses<typeof refund, Refund>>;

// The old single-reasonCode shape is gone from Charge Permissions: reading it is a compile error.
// @ts-expect-error Charge Permission statusDetails carries reasons[], not reasonCode
export const noReasonCode = (s: ChargePermissionStatusDetails) => s.reasonCode;

// The checks can fail: a type missing a member the sample has, or having one it lacks, is refused.
// @ts-expect-error the sample has softDescriptor, this type does not
export type MissingInType = Assert<SameMembers<typeof refund, Omit<Refund, 'softDescriptor'>>>;
// @ts-expect-error this type has a member the sample does not
export type ExtraInType = Assert<SameMembers<typeof refund, Refund & { captureNow: boolean }>>;
// @ts-expect-error a Charge Permission statusDetails with reasonCode would not parse as Amazon's
export type OldShape = Assert<SameMembers<typeof cp.statusDetails, StatusDetails>>;
