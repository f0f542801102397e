package dev.lithair.spring.observation.dispatch;

import org.springframework.transaction.annotation.Transactional;

/** Hands a parcel to a courier in one transaction: two saves, one commit. */
public class Dispatch {

    private final ParcelRepository parcels;
    private final CourierRepository couriers;

    public Dispatch(ParcelRepository parcels, CourierRepository couriers) {
        this.parcels = parcels;
        this.couriers = couriers;
    }

    @Transactional
    public void ship(Parcel parcel, Courier courier) {
        parcels.save(parcel);
        couriers.save(courier);
    }
}
