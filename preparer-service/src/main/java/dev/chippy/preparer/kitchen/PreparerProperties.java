package dev.chippy.preparer.kitchen;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param name this preparer's name ({@code preparer-1}), unique among running preparers;
 *             a random one when unset
 */
@ConfigurationProperties("chippy.preparer")
public record PreparerProperties(String name) {
}
