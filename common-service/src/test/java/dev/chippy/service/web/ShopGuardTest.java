package dev.chippy.service.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class ShopGuardTest {

    private static final List<ControlEndpoint> CONTROLS = List.of(new ControlEndpoint("/simulation/**", true),
            new ControlEndpoint("/board/orders", false));

    private final ShopGuard open = new ShopGuard(new ShopSecurityProperties(null, List.of()), CONTROLS, "/actuator");
    private final ShopGuard guarded = new ShopGuard(new ShopSecurityProperties("s3cret", List.of("https://board.example")),
            CONTROLS, "/actuator");

    @Test
    void withoutATokenEverythingIsOpenAndEveryCallerSeesHealthDetails() throws Exception {
        assertThat(pass(open, request("GET", "/actuator/prometheus"))).isNotNull();
        assertThat(pass(open, request("PUT", "/simulation")).getUserPrincipal()).isNotNull();
        assertThat(pass(open, request("GET", "/actuator/health")).getUserPrincipal()).isNotNull();
    }

    @Test
    void withATokenTheActuatorBeyondHealthAndAdminControlsNeedIt() throws Exception {
        assertThat(refused(guarded, request("GET", "/actuator/prometheus"))).isEqualTo(401);
        assertThat(refused(guarded, request("GET", "/actuator/info"))).isEqualTo(401);
        assertThat(refused(guarded, request("PUT", "/simulation"))).isEqualTo(401);
        assertThat(refused(guarded, request("POST", "/simulation/start"))).isEqualTo(401);
        assertThat(refused(guarded, bearer(request("POST", "/simulation/stop"), "wrong"))).isEqualTo(401);

        assertThat(pass(guarded, bearer(request("GET", "/actuator/prometheus"), "s3cret"))).isNotNull();
        assertThat(pass(guarded, bearer(request("POST", "/simulation/start"), "s3cret"))).isNotNull();
        assertThat(pass(guarded, request("GET", "/simulation"))).as("reading is open").isNotNull();
        assertThat(pass(guarded, request("POST", "/board/orders"))).as("the board's till needs no token").isNotNull();
    }

    @Test
    void withATokenHealthAnswersEveryoneButShowsDetailsOnlyWithIt() throws Exception {
        assertThat(pass(guarded, request("GET", "/actuator/health/readiness")).getUserPrincipal()).isNull();
        assertThat(pass(guarded, bearer(request("GET", "/actuator/health"), "s3cret")).getUserPrincipal()).isNotNull();
    }

    @Test
    void controlRequestsFromAnotherSiteAreRefused() throws Exception {
        assertThat(refused(open, origin(request("POST", "/board/orders"), "https://evil.example"))).isEqualTo(403);
        assertThat(refused(open, origin(request("POST", "/board/orders"), "null"))).isEqualTo(403);
        MockHttpServletRequest crossSite = request("POST", "/simulation/start");
        crossSite.addHeader("Sec-Fetch-Site", "cross-site");
        assertThat(refused(open, crossSite)).isEqualTo(403);

        assertThat(pass(open, origin(request("POST", "/board/orders"), "http://localhost:8084"))).isNotNull();
        assertThat(pass(guarded, origin(request("POST", "/board/orders"), "https://board.example"))).isNotNull();
        assertThat(pass(open, origin(request("GET", "/orders"), "https://evil.example"))).as("reads are not guarded").isNotNull();
    }

    @Test
    void controlRequestsTakeJsonBodiesOnly() throws Exception {
        assertThat(refused(open, body(request("POST", "/board/orders"), "text/plain"))).isEqualTo(415);
        assertThat(refused(open, body(request("PUT", "/simulation"), "application/x-www-form-urlencoded"))).isEqualTo(415);
        assertThat(refused(open, body(request("PUT", "/simulation"), null))).isEqualTo(415);
        assertThat(refused(open, body(request("PUT", "/simulation"), "nonsense"))).isEqualTo(415);

        assertThat(pass(open, body(request("PUT", "/simulation"), "application/json; charset=utf-8"))).isNotNull();
        assertThat(pass(open, request("POST", "/simulation/stop"))).as("no body, no type needed").isNotNull();
    }

    private static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.addHeader("Host", "localhost:8084");
        return request;
    }

    private static MockHttpServletRequest bearer(MockHttpServletRequest request, String token) {
        request.addHeader("Authorization", "Bearer " + token);
        return request;
    }

    private static MockHttpServletRequest origin(MockHttpServletRequest request, String origin) {
        request.addHeader("Origin", origin);
        return request;
    }

    private static MockHttpServletRequest body(MockHttpServletRequest request, String contentType) {
        request.setContent("{\"tills\":1}".getBytes());
        if (contentType != null) {
            request.setContentType(contentType);
        }
        return request;
    }

    /** The request as the rest of the chain sees it; fails if the guard refused it. */
    private static HttpServletRequest pass(ShopGuard guard, MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        guard.doFilter(request, response, chain);
        assertThat(chain.getRequest()).as("passed on: " + response.getContentAsString()).isNotNull();
        return (HttpServletRequest) chain.getRequest();
    }

    private static int refused(ShopGuard guard, MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        guard.doFilter(request, response, chain);
        assertThat(chain.getRequest()).as("refused").isNull();
        assertThat(response.getContentType()).startsWith("application/problem+json");
        return response.getStatus();
    }
}
