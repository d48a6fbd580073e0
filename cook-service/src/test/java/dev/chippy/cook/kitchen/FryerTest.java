package dev.chippy.cook.kitchen;

import org.junit.jupiter.api.Test;

import dev.chippy.service.time.ShopClock;
import dev.chippy.service.time.ShopTimings;

import static org.assertj.core.api.Assertions.assertThat;

class FryerTest {

    private final ShopClock instant = new ShopClock(new ShopTimings(0, null, null, null));

    @Test
    void theTalksFryerCooksOnePortionPerLoad() {
        Fryer fryer = new Fryer(instant, 1);
        assertThat(fryer.cook(1)).isEqualTo(1);
        assertThat(fryer.cook(2)).isEqualTo(2);
    }

    @Test
    void aBiggerFryerFillsEachLoadBeforeStartingTheNext() {
        Fryer fryer = new Fryer(instant, 4);
        assertThat(fryer.cook(2)).as("a new load").isEqualTo(1);
        assertThat(fryer.cook(2)).as("fits in the same load").isZero();
        assertThat(fryer.cook(5)).as("one more full load and part of another").isEqualTo(2);
        assertThat(fryer.cook(3)).as("fits in what is left").isZero();
    }

    @Test
    void anEmptiedFryerStartsAFreshLoad() {
        Fryer fryer = new Fryer(instant, 4);
        fryer.cook(1);
        fryer.empty();
        assertThat(fryer.cook(1)).isEqualTo(1);
    }
}
