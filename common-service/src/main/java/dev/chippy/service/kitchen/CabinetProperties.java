package dev.chippy.service.kitchen;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The hot cabinets (the talk's homework): cod and chips fried ahead, one cabinet per partition
 * of the orders, owned by the preparer that owns the partition, topped up by the cook.
 *
 * @param enabled    off, cod and chips are always to hand, as in the talk's demos; on, a preparer
 *                   takes them from its cabinet when there are enough, and asks the cook to fry
 *                   them when there are not
 * @param level      portions of each kind the cook fills a cabinet up to. A partition of the full
 *                   shop sells about 1.6 chips a second at the talk's pace; 30, topped up from half
 *                   every 5 s, keeps up, and still leaves some orders waiting for the fryer
 * @param topUpEvery how often the cook wakes up to look at the cabinets (scaled by the shop's
 *                   speed); it tops up a cabinet that has fallen to half its level or less
 */
@Validated
@ConfigurationProperties("chippy.cabinet")
public record CabinetProperties(@DefaultValue("false") boolean enabled,
                                @Min(1) @Max(10_000) @DefaultValue("30") int level,
                                @NotNull @DefaultValue("5s") Duration topUpEvery) {

    /** Below this, the cook tops a cabinet up. */
    public int lowWater() {
        return Math.max(1, level / 2);
    }
}
