/**
 * The members of each response object, in the order Amazon sends them, with `null` for unset members
 * (Amazon returns `null` rather than leaving a member out). One table per object; a name ending in `?`
 * is sent only when set (Amazon sends it only in some flows). Sources, per table:
 * - checkoutSession: the official Node SDK's integration tests compare `Object.keys` of real sandbox
 *   responses to this exact list (amzn/amazon-pay-api-sdk-nodejs `tst/webStoreClientTest.js`);
 *   `cartDetails` only from Finalize (same file); nested orders from a real sandbox response in
 *   amzn/amazon-pay-api-sdk-dotnet `Amazon.Pay.API.SDK.Tests/ClientTests.cs`.
 * - chargePermission (and buyer, address, limits): a real sandbox response in amzn/amazon-pay-api-sdk-dotnet
 *   `Amazon.Pay.API.SDK.Tests/WebStore/ChargePermission/ChargePermissionResponseTests.cs`.
 * - charge: the Node SDK's integration test key list (`tst/webStoreClientTest.js`).
 * - refund: the sample in the .NET SDK's `ClientTests.cs`.
 * - report, reportSchedule: alphabetical, as the Node SDK's integration tests compare them.
 */
export const SHAPES = {
  checkoutSession: [
    'checkoutSessionId',
    'webCheckoutDetails',
    'productType',
    'paymentDetails',
    'cartDetails?',
    'chargePermissionType',
    'orderType',
    'recurringMetadata',
    'paymentMethodOnFileMetadata',
    'merchantDetails',
    'merchantMetadata',
    'supplementaryData',
    'buyer',
    'billingAddress',
    'paymentPreferences',
    'statusDetails',
    'shippingAddress',
    'shippingAddressList?',
    'multiAddressesCheckoutMetadata?',
    'platformId',
    'chargePermissionId',
    'chargeId',
    'constraints',
    'creationTimestamp',
    'expirationTimestamp',
    'storeId',
    'providerMetadata',
    'releaseEnvironment',
    'checkoutButtonText',
    'deliverySpecifications',
    'tokens',
  ],
  webCheckoutDetails: [
    'checkoutReviewReturnUrl',
    'checkoutResultReturnUrl',
    'checkoutCancelUrl?',
    'amazonPayRedirectUrl',
    'checkoutMode?',
  ],
  paymentDetails: [
    'paymentIntent',
    'canHandlePendingAuthorization',
    'chargeAmount',
    'totalOrderAmount',
    'softDescriptor',
    'presentmentCurrency',
    'allowOvercharge',
    'extendExpiration',
    'estimateOrderTotal?',
  ],
  chargePermission: [
    'chargePermissionId',
    'chargePermissionReferenceId',
    'platformId',
    'buyer',
    'shippingAddress',
    'billingAddress',
    'paymentPreferences',
    'statusDetails',
    'creationTimestamp',
    'expirationTimestamp',
    'paymentMethodOnFileMetadata?',
    'merchantMetadata',
    'releaseEnvironment',
    'limits',
    'chargePermissionType',
    'recurringMetadata',
    'presentmentCurrency',
  ],
  charge: [
    'chargeId',
    'chargeAmount',
    'chargePermissionId',
    'captureAmount',
    'refundedAmount',
    'softDescriptor',
    'providerMetadata',
    'convertedAmount',
    'conversionRate',
    'channel',
    'chargeInitiator',
    'statusDetails',
    'creationTimestamp',
    'expirationTimestamp',
    'releaseEnvironment',
    'merchantMetadata',
    'platformId',
    'webCheckoutDetails',
  ],
  refund: [
    'refundId',
    'chargeId',
    'refundAmount',
    'softDescriptor',
    'creationTimestamp',
    'statusDetails',
    'releaseEnvironment',
  ],
  report: [
    'createdTime',
    'endTime',
    'processingEndTime',
    'processingStartTime',
    'processingStatus',
    'reportDocumentId',
    'reportId',
    'reportType',
    'startTime',
  ],
  reportSchedule: ['nextReportCreationTime', 'reportScheduleId', 'reportType', 'scheduleFrequency'],
  statusDetails: ['state', 'reasonCode', 'reasonDescription', 'lastUpdatedTimestamp'],
  chargePermissionStatusDetails: ['state', 'reasons', 'lastUpdatedTimestamp'],
  reason: ['reasonCode', 'reasonDescription'],
  merchantMetadata: ['merchantReferenceId', 'merchantStoreName', 'noteToBuyer', 'customInformation'],
  providerMetadata: ['providerReferenceId'],
  buyer: ['name', 'email', 'buyerId', 'primeMembershipTypes', 'phoneNumber'],
  address: [
    'addressId?',
    'name',
    'addressLine1',
    'addressLine2',
    'addressLine3',
    'city',
    'county',
    'district',
    'stateOrRegion',
    'postalCode',
    'countryCode',
    'phoneNumber',
  ],
  paymentPreference: ['paymentDescriptor'],
  limits: ['amountLimit', 'amountBalance'],
  recurringMetadata: ['frequency', 'amount'],
  price: ['amount', 'currencyCode'],
  constraint: ['constraintId', 'description'],
} as const satisfies Record<string, readonly string[]>;

export type ShapeName = keyof typeof SHAPES;

/** Which table shapes a nested member (objects, and each element of arrays). */
const NESTED: Partial<Record<ShapeName, Record<string, ShapeName>>> = {
  checkoutSession: {
    webCheckoutDetails: 'webCheckoutDetails',
    paymentDetails: 'paymentDetails',
    merchantMetadata: 'merchantMetadata',
    buyer: 'buyer',
    billingAddress: 'address',
    shippingAddress: 'address',
    shippingAddressList: 'address',
    paymentPreferences: 'paymentPreference',
    statusDetails: 'statusDetails',
    providerMetadata: 'providerMetadata',
    constraints: 'constraint',
    recurringMetadata: 'recurringMetadata',
  },
  paymentDetails: { chargeAmount: 'price', totalOrderAmount: 'price', estimateOrderTotal: 'price' },
  chargePermission: {
    buyer: 'buyer',
    shippingAddress: 'address',
    billingAddress: 'address',
    paymentPreferences: 'paymentPreference',
    statusDetails: 'chargePermissionStatusDetails',
    merchantMetadata: 'merchantMetadata',
    limits: 'limits',
    recurringMetadata: 'recurringMetadata',
  },
  chargePermissionStatusDetails: { reasons: 'reason' },
  charge: {
    chargeAmount: 'price',
    captureAmount: 'price',
    refundedAmount: 'price',
    convertedAmount: 'price',
    providerMetadata: 'providerMetadata',
    statusDetails: 'statusDetails',
    merchantMetadata: 'merchantMetadata',
  },
  refund: { refundAmount: 'price', statusDetails: 'statusDetails' },
  limits: { amountLimit: 'price', amountBalance: 'price' },
  recurringMetadata: { amount: 'price' },
};

/** `value` as Amazon sends a `name` object: its members in Amazon's order, unset ones as null. */
export function shape(name: ShapeName, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of SHAPES[name] as readonly string[]) {
    const conditional = spec.endsWith('?');
    const key = conditional ? spec.slice(0, -1) : spec;
    const v = value[key];
    if (conditional && v === undefined) continue;
    const nested = NESTED[name]?.[key];
    if (v === undefined || v === null) out[key] = null;
    else if (!nested || typeof v !== 'object') out[key] = v;
    else if (Array.isArray(v))
      out[key] = v.map((e) => (e && typeof e === 'object' ? shape(nested, e as Record<string, unknown>) : e));
    else out[key] = shape(nested, v as Record<string, unknown>);
  }
  return out;
}
