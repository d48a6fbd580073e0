package dev.chippy.till.simulation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;

/** The body of {@code PUT /simulation}: any of the settings; what is left out stays as it is. */
public record SimulationChange(
        @Min(0) @Max(64) Integer tills,
        Boolean plaice,
        @PositiveOrZero Double speedFactor) {
}
