package dev.chippy.till.simulation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The simulated tills as the service starts. They can be changed at runtime over
 * {@code /simulation}.
 *
 * @param enabled     whether the tills start taking orders when the service starts
 * @param tills       how many tills ({@code till-1} … {@code till-N})
 * @param plaice      whether customers may order plaice (the cook's round trip)
 * @param speedFactor how fast time runs for the tills; unset means the shop's
 *                    {@code chippy.shop.speed-factor}
 */
@Validated
@ConfigurationProperties("chippy.simulation")
public record SimulationProperties(
        @DefaultValue("false") boolean enabled,
        @Min(0) @Max(64) @DefaultValue("3") int tills,
        @DefaultValue("true") boolean plaice,
        @PositiveOrZero Double speedFactor) {
}
