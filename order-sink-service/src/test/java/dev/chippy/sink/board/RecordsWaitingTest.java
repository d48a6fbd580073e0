package dev.chippy.sink.board;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordsWaitingTest {

    /** Records at even offsets, each followed by its transaction's commit marker at the odd one. */
    @Test
    void recordsAreCountedFromACommittedOffsetMarkersAreNot() {
        RecordsWaiting.Offsets offsets = new RecordsWaiting.Offsets(0);
        for (long offset = 0; offset < 10; offset += 2) {
            offsets.add(offset);
        }
        assertThat(offsets.countFrom(0)).isEqualTo(5);
        assertThat(offsets.countFrom(9)).as("committed at the last marker: nothing waits").isZero();
        assertThat(offsets.countFrom(5)).isEqualTo(2);

        offsets.forgetBelow(5);
        assertThat(offsets.countFrom(5)).isEqualTo(2);
        assertThat(offsets.countFrom(0)).as("forgotten offsets are not counted").isEqualTo(2);
    }

    @Test
    void aLongBacklogAndItsReadingKeepOnlyWhatIsStillWaiting() {
        RecordsWaiting.Offsets offsets = new RecordsWaiting.Offsets(0);
        for (long offset = 0; offset < 100_000; offset++) {
            offsets.add(offset * 3);
            if (offset % 1000 == 999) {
                offsets.forgetBelow((offset - 10) * 3);
            }
        }
        offsets.add(3); // read again: already noted
        assertThat(offsets.countFrom(0)).isEqualTo(11);
        assertThat(offsets.countFrom(299_997)).isOne();
        assertThat(offsets.countFrom(299_998)).isZero();
    }
}
