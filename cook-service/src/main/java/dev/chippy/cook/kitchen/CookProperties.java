package dev.chippy.cook.kitchen;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param name          this cook's name ({@code cook-1}), unique among running cooks; a
 *                      random one when unset
 * @param fryerCapacity portions a fryer cooks at once; 1 reproduces the talk
 * @param fryers        fryers the cook works at once, each fed by a Kafka consumer of its own in
 *                      the cook's group, so each owns some of the cook requests' partitions; 1
 *                      reproduces the talk. More than the partitions leaves some idle.
 * @param nameFromReplica when no name is set, take the replica number docker compose gave the container
 */
@Validated
@ConfigurationProperties("chippy.cook")
public record CookProperties(String name, @Min(1) @Max(100) @DefaultValue("1") int fryerCapacity,
                             @Min(1) @Max(12) @DefaultValue("1") int fryers,
                             @DefaultValue("false") boolean nameFromReplica) {
}
