package dev.chippy.till.simulation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * How the simulated tills behave: how many there are, whether customers may order plaice,
 * and how fast time runs for them (1 as in the talk, 0 as fast as the shop can go).
 */
public record SimulationSettings(
        @Min(0) @Max(64) int tills,
        boolean plaice,
        @PositiveOrZero double speedFactor) {

    /** These settings, with whatever {@code change} sets. */
    SimulationSettings with(SimulationChange change) {
        return new SimulationSettings(
                change.tills() != null ? change.tills() : tills,
                change.plaice() != null ? change.plaice() : plaice,
                change.speedFactor() != null ? change.speedFactor() : speedFactor);
    }
}
