package dev.chippy.preparer.kitchen;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param name            this preparer's name ({@code preparer-1}), unique among running
 *                        preparers; a random one when unset
 * @param nameFromReplica when no name is set, take the replica number docker compose gave the
 *                        container ({@code --scale preparer-service=3} makes preparer-1 to -3)
 */
@ConfigurationProperties("chippy.preparer")
public record PreparerProperties(String name, @DefaultValue("false") boolean nameFromReplica) {
}
