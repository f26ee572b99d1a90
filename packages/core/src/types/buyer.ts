/** Buyer (Amazon Sign-In): the Get Buyer response. */
import type { Address, PrimeMembershipType } from './common.js';

/** Buyer profile returned by Get Buyer (`GET v2/buyers/{buyerToken}`); fields depend on the requested scopes. */
export interface Buyer {
  /** Unique Amazon Pay buyer id. */
  buyerId: string;
  name?: string | null;
  email?: string | null;
  /** Postal code of the buyer's default shipping address. */
  postalCode?: string | null;
  /** Country of the buyer's default shipping address. */
  countryCode?: string | null;
  phoneNumber?: string | null;
  shippingAddress?: Address | null;
  billingAddress?: Address | null;
  /** Null when the merchant is not allow-listed; an empty list when the buyer has no membership. */
  primeMembershipTypes?: PrimeMembershipType[] | null;
}
