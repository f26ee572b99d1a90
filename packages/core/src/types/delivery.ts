/** Delivery trackers (Alexa Delivery Notifications). */

/** One shipment to track. */
export interface DeliveryDetail {
  trackingNumber: string;
  /** Carrier code from Amazon's list (e.g. `FEDEX`, `UPS`, `DHL`). */
  carrierCode: string;
}

/** Body of Delivery Tracker (`POST v2/deliveryTrackers`): identify the order by exactly one of the two ids. */
export type DeliveryTrackerRequest =
  | {
      /** Order Reference id of an Amazon Pay v1 (MWS) order. */
      amazonOrderReferenceId: string;
      chargePermissionId?: never;
      deliveryDetails: DeliveryDetail[];
    }
  | {
      /** Charge Permission id of a Checkout v2 order. */
      chargePermissionId: string;
      amazonOrderReferenceId?: never;
      deliveryDetails: DeliveryDetail[];
    };

/** Response of Delivery Tracker: the request echoed back. */
export interface DeliveryTracker {
  amazonOrderReferenceId?: string | null;
  chargePermissionId?: string | null;
  deliveryDetails: DeliveryDetail[];
}
