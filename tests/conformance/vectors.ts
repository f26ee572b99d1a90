/**
 * The published vectors (protocol notes section 7.1 Java, 7.2 .NET, 7.4 button, 7.6 derived full
 * requests), copied from packages/core/test/vectors.test.ts as plain data so every runtime checks them.
 */
import type { QueryParams } from '@amazon-pay-edge/core';

const UNRESERVED = '-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SPECIAL = '@#$%^&+=/,?><`";:\\|][{} ';
export const SPECIAL_ENCODED = '%40%23%24%25%5E%26%2B%3D%2F%2C%3F%3E%3C%60%22%3B%3A%5C%7C%5D%5B%7B%7D%20';
export { SPECIAL };

export interface HashCase {
  name: string;
  method: string;
  path: string;
  query?: QueryParams;
  /** hex SHA-256 of the canonical request. */
  hash: string;
}

export function vectorHeaders(region: string): Record<string, string> {
  return {
    accept: 'application/json',
    'content-type': 'application/json',
    'x-amz-pay-region': region,
    'x-amz-pay-date': '20180524T223710Z',
    'x-amz-pay-host': 'pay-api.amazon.eu',
  };
}

// Java SDK testdata.js (section 7.1), region "EU". get-slashes is left out: its "/" comes from java.net.URI reading "//foo//" as an authority.
export const JAVA_CASES: HashCase[] = [
  { name: 'get-vanilla', method: 'GET', path: '/', hash: 'bb49552975c396f1e49d5510e1555b8b0627dc491bc61aaefdb561f202ad8020' },
  { name: 'get-empty', method: 'GET', path: '', hash: 'bb49552975c396f1e49d5510e1555b8b0627dc491bc61aaefdb561f202ad8020' },
  { name: 'get-unreserved', method: 'GET', path: `/${UNRESERVED}`, hash: 'a0e5dd63e175587f29d51c6b08be5c746a568209ac66ab1f967e0ba515aa80bc' },
  { name: 'get-utf8', method: 'GET', path: '/\u1234', hash: '77f6544c8fb336d430895659da1e30415a1558b4b013f4d7926bb3a6275f701d' },
  { name: 'get-vanilla-utf8-query', method: 'GET', path: '/', query: { '\u1234': ['bar'] }, hash: 'ef1007307504f2ca9f0b6310b04056f5d3d6d18e7bf3d90663133f19ec132ecc' },
  { name: 'post-vanilla', method: 'POST', path: '/', hash: '54156f5badd6da7fa630b2c334c808ad376530001d334ae9960457215aa626d3' },
  { name: 'post-vanilla-query', method: 'POST', path: '/', query: { foo: ['bar'] }, hash: 'cc82525870b2d03666c287fd8b2c0d2fc6fa1693d9f357d27f7cac8cbcc12832' },
  { name: 'get-vanilla-empty-query-key', method: 'GET', path: '/', query: { foo: ['bar'] }, hash: '6837f80baf1801c75db8119cffbadc26a89d20adb9cf3f3de4ce0fac31b4ae52' },
  { name: 'get-vanilla-query-order-value', method: 'GET', path: '/', query: { foo: ['b', 'a'] }, hash: 'a33266ec31c7f0ca8a0738eb49fb8c81319f14374a0b86d52e6911a9748a6d42' },
  { name: 'get-vanilla-query-order-key', method: 'GET', path: '/', query: { b: ['foo'], a: ['foo'] }, hash: '6615ba7ca3734e97b35013f77c74d111ce2fa63ab52be161ad41bcd4b010120f' },
  { name: 'get-vanilla-query-sort-by-key', method: 'GET', path: '/', query: { 'A.1': 'foo', 'A.2': 'foo', 'A.10': 'foo' }, hash: '29d908d70c4bb50d62272976787245b52ed52e569fdae56ef3aa6d8979978ee7' },
  { name: 'get-vanilla-query-order-key-case', method: 'GET', path: '/', query: { foo: ['Zoo', 'aha'] }, hash: 'f379cbd2e2fc9d5d50667a07ec22996335f731b474bb8bd366647d05d958c9d5' },
  { name: 'get-vanilla-query-unreserved', method: 'GET', path: '/', query: { [UNRESERVED]: UNRESERVED }, hash: '892abddd6e79db3feb5695b318af639c3e863494f6b4df32ec24fff4c1562a73' },
  { name: 'post-vanilla-query-nonunreserved', method: 'POST', path: '/', query: { [SPECIAL]: SPECIAL }, hash: '66bbbf2b5d6d297a9393abbc0b4f9d62e30666bb0ec0dea8f1d4e45551440e4c' },
  { name: 'post-vanilla-query-space', method: 'POST', path: '/', query: { 'f oo': ['b ar'] }, hash: '99be3aeb19b5a1aebafc807d59f3740d3e604ae31cf928592fa70739ea64bb32' },
];

// .NET CreateStringToSignTest.cs (section 7.2), region "eu".
export const DOTNET_CASES: HashCase[] = [
  { name: 'SimpleGet', method: 'GET', path: '/', hash: '13fdf6db844bdfb9e9c0e27a4251ca04e60c29ca2132249c5dd1cb09c26e22f5' },
  { name: 'GetWithTooManySlashesInUri', method: 'GET', path: '///foo//', hash: 'd8e13e1857bc9b5056cc8ccb2699812faa2c68960e00483b1390fdaf4a991cc4' },
  { name: 'GetWithUnreservedCharacters', method: 'GET', path: `/${UNRESERVED}`, hash: '585e034d38ed3d64c0cd77a9f357a4b4a0fc093eebe06f4b06f66845e3543038' },
  { name: 'GetWithHighAsciiCharacterInParameterString', method: 'GET', path: '/', query: { '\u1234': 'bar' }, hash: 'f0597d2fdcf97baf28002461796e916a74e35073b44042296d2ed45bacf6ecf0' },
  { name: 'SimplePost', method: 'POST', path: '/', hash: '322307b5dae22c3d59350c3de9202a488f337f674c8f430b186282008264bd2b' },
  { name: 'PostWithQueryParameter', method: 'POST', path: '/', query: { foo: 'bar' }, hash: '9d61b5abddbfdcaf7810a8e83dfffe0a5d5f272d2676c0550d974d5383e94cd5' },
  { name: 'GetWithMultipleQueryValuesInSingleParameter', method: 'GET', path: '/', query: { foo: ['b', 'a'] }, hash: '937de37fb8aed8af4214c373580c72f40c525202d1975df6836ba6ed0062b902' },
  { name: 'GetWithMultipleQueryParameters', method: 'GET', path: '/', query: { a: 'foo', b: 'foo' }, hash: '457de2535eedbd6ef25f5c8ec4653ee885b99838d722189928f4fdf8d3c3ef4f' },
  { name: 'GetWithMultipleQueryParametersSorted', method: 'GET', path: '/', query: { 'A.1': 'foo', 'A.10': 'foo', 'A.2': 'foo' }, hash: '43ae5290e6742d30e3822b62b6d759afedafbe01534f778175c336b455d632e7' },
  { name: 'GetWithMultipleQueryValuesInSingleParameterSorted', method: 'GET', path: '/', query: { foo: ['Zoo', 'aha'] }, hash: '7a4d89bd832cb93f2102f66bc8d3a0bc5f224c0bb758eab261dcd34a8ed2f117' },
  { name: 'GetWithReservedCharactersInQueryParameter', method: 'GET', path: '/', query: { [UNRESERVED]: UNRESERVED }, hash: 'aa69ca06d93d9220f9aa16314d8556e18e1b0ae39802cd169bd3af6c08cd7164' },
  { name: 'PostWithSpecialCharactersInQueryParameter', method: 'POST', path: '/', query: { [SPECIAL]: SPECIAL }, hash: '50709f5220d06911feee2d6aa8bf8453c8517f44527c0912e62b905d26c7e08f' },
  { name: 'PostWithSpacesInQueryParameter', method: 'POST', path: '/', query: { 'f oo': 'b ar' }, hash: '79481e4e38a053f7be8bda701c0d302d39df18bf468578b133c3be8e93fea86a' },
];

export const HASH_SUITES = [
  { label: 'java 7.1', region: 'EU', cases: JAVA_CASES },
  { label: '.NET 7.2', region: 'eu', cases: DOTNET_CASES },
] as const;

export const SIMPLE_GET_CANONICAL =
  'GET\n/\n\naccept:application/json\ncontent-type:application/json\nx-amz-pay-date:20180524T223710Z\nx-amz-pay-host:pay-api.amazon.eu\nx-amz-pay-region:eu\n\naccept;content-type;x-amz-pay-date;x-amz-pay-host;x-amz-pay-region\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** canonicalUri input -> output (.NET and Java unit vectors). */
export const URI_CASES: [string, string][] = [
  ['/ /foo', '/%20/foo'],
  ['//', '/'],
  ['///foo//', '/foo/'],
  ['/\u1234', '/%E1%88%B4'],
  ['sandbox/in-store/v1/merchantScan', '/sandbox/in-store/v1/merchantScan'],
];

// Section 7.4: the 238-byte button payload; with "/" escaped as "\/" it is a different string.
export const BUTTON_PAYLOAD =
  '{"storeId":"amzn1.application-oa2-client.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","webCheckoutDetails":{"checkoutReviewReturnUrl":"https://localhost/test/CheckoutReview.php","checkoutResultReturnUrl":"https://localhost/test/CheckoutResult.php"}}';
export const BUTTON_HASH = '8dec52d799607be40f82d5c8e7ecb6c171e6591c41b1111a576b16076c89381c';
export const BUTTON_ESCAPED_HASH = '3261ffae1f40fddd59a9b9bbe3d5de5093b8cabe5bc27c4a56c72d378b7f7da4';

// Section 7.6 A: POST create checkout session, legacy key, NA sandbox, V2.
export const FULL_A = {
  input: {
    method: 'POST',
    path: '/sandbox/v2/checkoutSessions',
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      'x-amz-pay-date': '20240101T000000Z',
      'x-amz-pay-host': 'pay-api.amazon.com',
      'x-amz-pay-idempotency-key': 'abc123',
      'x-amz-pay-region': 'na',
    },
    body: '{"webCheckoutDetails":{"checkoutReviewReturnUrl":"https://a.example/review"},"storeId":"amzn1.application-oa2-client.8b5e45312b5248b69eeaStoreId"}',
  },
  canonical:
    'POST\n/sandbox/v2/checkoutSessions\n\naccept:application/json\ncontent-type:application/json\nx-amz-pay-date:20240101T000000Z\nx-amz-pay-host:pay-api.amazon.com\nx-amz-pay-idempotency-key:abc123\nx-amz-pay-region:na\n\naccept;content-type;x-amz-pay-date;x-amz-pay-host;x-amz-pay-idempotency-key;x-amz-pay-region\n8fc4ed5995747af2c429b3e73718635b4240c4201395b990c982032eb5b531ab',
  stringToSign: 'AMZN-PAY-RSASSA-PSS-V2\nc119002f7219705f89b6fa2f529dcc0b6816cf366a6bf19d1203c3897fabf253',
} as const;

// Section 7.6 B: GET reports, environment-specific key, EU, V1.
export const FULL_B = {
  input: {
    method: 'GET',
    path: '/v2/reports',
    query: { reportTypes: '_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_', pageSize: 10 },
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      'x-amz-pay-date': '20240101T000000Z',
      'x-amz-pay-host': 'pay-api.amazon.eu',
      'x-amz-pay-region': 'eu',
    },
  },
  query: 'pageSize=10&reportTypes=_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_',
  stringToSign: 'AMZN-PAY-RSASSA-PSS\n88f15f4caf811c65b659d30bd9739d920eaee85feb34a67ba94cf3f5c6c3447d',
} as const;
