package dev.chippy.service.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may change the shop.
 *
 * @param adminToken     when set ({@code CHIPPY_SECURITY_ADMIN_TOKEN}), requests that change the
 *                       shop and the actuator beyond {@code health} need
 *                       {@code Authorization: Bearer <token>}, and health details are shown only
 *                       with it; unset, everything is open as on a laptop
 * @param allowedOrigins web origins besides a service's own that may send it control requests
 *                       ({@code https://board.example.com}); cross-site requests from any other
 *                       origin are refused
 */
@ConfigurationProperties("chippy.security")
public record ShopSecurityProperties(String adminToken, @DefaultValue List<String> allowedOrigins) {

    public boolean hasAdminToken() {
        return adminToken != null && !adminToken.isBlank();
    }
}
