package dev.chippy.event;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstantsAsWrittenTest {

    private record Stamped(Instant at) {
    }

    @Test
    void everyInstantChippyWritesIsReadBackAsItWas() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            // Years 1 to 9999, with 0, 3, 6 or 9 digits of fraction as ISO_INSTANT prints them.
            long second = random.nextLong(Instant.parse("0001-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nanos);
            String json = ShopJson.mapper().writeValueAsString(new Stamped(instant));

            assertThat(InstantsAsWritten.parse(instant.toString())).isEqualTo(instant);
            assertThat(ShopJson.mapper().readValue(json, Stamped.class).at()).isEqualTo(instant);
        }
    }

    @Test
    void otherShapesAreLeftToJacksonWhichReadsThemAsBefore() {
        for (String text : List.of("2026-12-04T16:42:38+01:00", "+20000-01-01T00:00:00Z", "2026-12-04T16:42:38.1234567890Z",
                "2026-12-04T16:42Z", "2026-12-04 16:42:38Z", "2026-12-04T16:42:38.Z", "2026-12-04T24:00:00Z")) {
            assertThat(InstantsAsWritten.parse(text)).as(text).isNull();
        }
        assertThat(read("\"2026-12-04T17:42:38+01:00\"")).isEqualTo(Instant.parse("2026-12-04T16:42:38Z"));
        assertThat(read("\"+20000-01-01T00:00:00Z\"")).isEqualTo(Instant.parse("+20000-01-01T00:00:00Z"));
        assertThat(read("1733330558.5")).isEqualTo(Instant.ofEpochSecond(1733330558, 500_000_000));
    }

    @Test
    void whatIsNoTimeIsStillRefused() {
        for (String json : List.of("\"2026-02-30T00:00:00Z\"", "\"2026-12-04T16:4x:38Z\"", "\"yesterday\"")) {
            assertThatThrownBy(() -> read(json)).as(json).isInstanceOf(DatabindException.class);
        }
    }

    private static Instant read(String value) {
        return ShopJson.mapper().readValue("{\"at\":" + value + "}", Stamped.class).at();
    }
}
