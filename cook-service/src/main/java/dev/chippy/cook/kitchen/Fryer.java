package dev.chippy.cook.kitchen;

import dev.chippy.service.time.ShopClock;

/**
 * The fryer: cooks up to {@code capacity} portions in one load, and a load takes the
 * cooking time however full it is. Portions of a request that do not fit in the load
 * under way go into the next one. The cook empties the fryer after every batch.
 */
final class Fryer {

    private final ShopClock clock;
    private final int capacity;
    private int spaceInLoad;
    private boolean cabinetLoadFried;

    Fryer(ShopClock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    /** Cooks the portions, starting new loads as needed; returns how many loads were started. */
    int cook(int portions) {
        int loads = 0;
        int left = portions;
        while (left > 0) {
            if (spaceInLoad == 0) {
                clock.spend(clock.timings().cooking());
                spaceInLoad = capacity;
                loads++;
            }
            int taken = Math.min(left, spaceInLoad);
            spaceInLoad -= taken;
            left -= taken;
        }
        return loads;
    }

    /**
     * Fries cod and chips that a hot cabinet could not give: all of a batch's go in one load of
     * the big fryer, however many, so a request never takes longer than its plaice and one load.
     */
    void fryCabinetPortions() {
        if (!cabinetLoadFried) {
            clock.spend(clock.timings().cooking());
            cabinetLoadFried = true;
        }
    }

    /** Empties the fryer: the next portions start a fresh load. */
    void empty() {
        spaceInLoad = 0;
        cabinetLoadFried = false;
    }
}
