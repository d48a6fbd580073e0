package dev.chippy.service.web;

/**
 * Requests that change the shop, declared by the service that serves them (a bean of this
 * type). A {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE} on {@code pathPattern}
 * is refused when it comes from another web site, and takes JSON bodies only; with
 * {@code needsAdmin} it also needs the admin token, when one is set.
 *
 * @param pathPattern a Spring {@code PathPattern}: {@code /simulation/**}
 * @param needsAdmin  whether the admin token guards it
 */
public record ControlEndpoint(String pathPattern, boolean needsAdmin) {
}
