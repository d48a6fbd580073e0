package dev.chippy.service.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Guards what changes the shop, in one small filter rather than Spring Security (see
 * docs/decisions/0016-safe-on-a-network.md):
 * <ul>
 * <li>a control request ({@link ControlEndpoint}) from another web site is refused (403): its
 *     {@code Origin} is not this service's own or an allowed one, or the browser says
 *     {@code Sec-Fetch-Site: cross-site}. Its body must be JSON (415 otherwise), which a web
 *     page cannot send to another site without a CORS preflight that nobody here answers;</li>
 * <li>with an admin token set, control requests that need it and the actuator beyond
 *     {@code health} need {@code Authorization: Bearer <token>} (401), and only a caller
 *     with the token is "authorized" to see health details. With no token, every caller is.</li>
 * </ul>
 * Scripts and {@code curl} send no {@code Origin}, so they pass the site check as before.
 */
public class ShopGuard extends OncePerRequestFilter {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final String BEARER = "Bearer ";
    private static final Principal ADMIN = () -> "admin";

    private final ShopSecurityProperties properties;
    private final List<Guarded> controls;
    private final String actuator;
    private final String health;
    private final byte[] token;

    private record Guarded(PathPattern pattern, boolean needsAdmin) {
    }

    public ShopGuard(ShopSecurityProperties properties, List<ControlEndpoint> controls, String actuatorBasePath) {
        this.properties = properties;
        this.controls = controls.stream()
                .map(control -> new Guarded(PathPatternParser.defaultInstance.parse(control.pathPattern()), control.needsAdmin()))
                .toList();
        this.actuator = actuatorBasePath;
        this.health = actuatorBasePath + "/health";
        this.token = properties.hasAdminToken() ? properties.adminToken().getBytes(StandardCharsets.UTF_8) : null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean admin = token == null || presentsToken(request);
        if (isActuator(path) && !isHealth(path) && !admin) {
            refuseWithoutToken(response);
            return;
        }
        if (!SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            Guarded control = control(path);
            if (control != null) {
                if (isCrossSite(request)) {
                    ProblemResponse.write(response, HttpStatus.FORBIDDEN, "Cross-site request refused",
                            "This endpoint changes the shop; it takes requests from its own site only.");
                    return;
                }
                if (!takesJson(request)) {
                    ProblemResponse.write(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "JSON only",
                            "This endpoint takes a body of Content-Type application/json, or none.");
                    return;
                }
                if (control.needsAdmin() && !admin) {
                    refuseWithoutToken(response);
                    return;
                }
            }
        }
        chain.doFilter(admin ? new Authorized(request) : request, response);
    }

    private boolean isActuator(String path) {
        return path.equals(actuator) || path.startsWith(actuator + "/");
    }

    private boolean isHealth(String path) {
        return path.equals(health) || path.startsWith(health + "/");
    }

    private Guarded control(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return controls.stream().filter(control -> control.pattern().matches(container)).findFirst().orElse(null);
    }

    private boolean presentsToken(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] presented = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, token);
    }

    /** From another site: an Origin that is neither this service (by Host) nor allowed, or the browser says so. */
    private boolean isCrossSite(HttpServletRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null) {
            if (properties.allowedOrigins().contains(origin)) {
                return false;
            }
            return !sameAuthority(origin, request.getHeader(HttpHeaders.HOST));
        }
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        return fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none");
    }

    /** Scheme aside (a proxy may end TLS in front of the service), the origin names the host the request was sent to. */
    private static boolean sameAuthority(String origin, String host) {
        if (host == null || origin.equals("null")) {
            return false;
        }
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** No body, or a JSON one: a form or text/plain body is what a cross-site page could send unasked. */
    private static boolean takesJson(HttpServletRequest request) {
        String contentType = request.getContentType();
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (contentType == null) {
            return !hasBody;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json");
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static void refuseWithoutToken(HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"chippy\"");
        ProblemResponse.write(response, HttpStatus.UNAUTHORIZED, "Admin token required",
                "This endpoint needs the shop's admin token: Authorization: Bearer <token>.");
    }

    /** A caller allowed to see what only the shop's owner sees (health details). */
    private static final class Authorized extends HttpServletRequestWrapper {

        Authorized(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Principal getUserPrincipal() {
            Principal principal = super.getUserPrincipal();
            return principal != null ? principal : ADMIN;
        }

        @Override
        public boolean isUserInRole(String role) {
            return true;
        }
    }
}
