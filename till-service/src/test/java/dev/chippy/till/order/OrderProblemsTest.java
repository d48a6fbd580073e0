package dev.chippy.till.order;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.chippy.order.OrderRequests;
import dev.chippy.service.kitchen.KitchenLimits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The till's answers to bad requests, in Spring MVC alone: {@code ProblemAdvice} and
 * {@code RequestSizeLimit} in front of the order controller, with order taking mocked, so no
 * broker is needed. Every refusal is {@code application/problem+json} whose title names the
 * problem; a refused order never reaches order taking. That nothing reaches Kafka either is
 * {@link PlaceOrderIntegrationTest}'s business.
 */
@WebMvcTest(OrderController.class)
@Import(OrderProblemsTest.Settings.class)
class OrderProblemsTest {

    private static final String CHIPS = "{\"lines\":[{\"item\":\"chips\",\"quantity\":1}]}";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    OrderTaking orderTaking;

    /** The settings the controller reads; a slice scans no configuration properties. */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({TillProperties.class, KitchenLimits.class})
    static class Settings {
    }

    @ParameterizedTest(name = "{0} is refused with {2}")
    @MethodSource("dev.chippy.till.order.BadOrders#all")
    void aBadOrderIsAProblemThatNamesWhatIsWrong(String what, String body, int status, String title, String detail) {
        MvcTestResult answer = mvc.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).content(body).exchange();

        assertProblem(answer, status, title);
        assertThat(answer).bodyJson().extractingPath("$.detail").asString().contains(detail);
        verifyNoInteractions(orderTaking);
    }

    @Test
    void aFieldThatIsWrongIsNamedWithItsMessage() {
        MvcTestResult answer = mvc.post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
                .content("{\"lines\":[{\"item\":\"chips\",\"quantity\":0}]}").exchange();

        assertProblem(answer, 400, BadOrders.INVALID);
        assertThat(answer).bodyJson().extractingPath("$.type").isEqualTo("https://chippy.dev/problems/invalid-order");
        assertThat(answer).bodyJson().extractingPath("$.errors[0].field").isEqualTo("lines[0].quantity");
        assertThat(answer).bodyJson().extractingPath("$.errors[0].message").isEqualTo("must be at least 1");
    }

    @Test
    void aBodyJustOverTheLimitThatDeclaresNoLengthIsRefusedWith413() {
        // A chunked body declares no length: the limit counts what is read.
        byte[] padded = ("{\"lines\":[{\"item\":\"chips\",\"quantity\":1}],\"padding\":\"" + "x".repeat(64 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        MvcTestResult answer = mvc.post().uri("/orders").with(declared -> {
            MockHttpServletRequest chunked = new MockHttpServletRequest(declared.getServletContext(), "POST", "/orders") {
                @Override
                public long getContentLengthLong() {
                    return -1;
                }
            };
            chunked.setContentType(MediaType.APPLICATION_JSON_VALUE);
            chunked.setContent(padded);
            return chunked;
        }).exchange();

        assertProblem(answer, 413, "Request too large");
        assertThat(answer).bodyJson().extractingPath("$.detail").asString().contains("larger than 65536 bytes");
        verifyNoInteractions(orderTaking);
    }

    @Test
    void anOrderThatIsNotJsonIsRefusedWith415() {
        MvcTestResult answer = mvc.post().uri("/orders").contentType(MediaType.TEXT_PLAIN).content("cod and chips please")
                .exchange();

        assertProblem(answer, 415, "Unsupported Media Type");
        verifyNoInteractions(orderTaking);
    }

    @Test
    void anIdempotencyKeyThatIsTooLongIsRefusedWith400NamingTheHeader() {
        MvcTestResult answer = mvc.post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
                .header(OrderRequests.IDEMPOTENCY_KEY, "k".repeat(256)).content(CHIPS).exchange();

        assertProblem(answer, 400, BadOrders.INVALID);
        assertThat(answer).bodyJson().extractingPath("$.detail").asString()
                .isEqualTo("Idempotency-Key: must be 1 to 255 visible ASCII characters");
        verifyNoInteractions(orderTaking);
    }

    @Test
    void anIdempotencyKeyReusedForAnotherOrderIsRefusedWith422() {
        given(orderTaking.take(anyString(), anyList(), any())).willThrow(new IdempotencyKeyReusedException("key-1"));

        MvcTestResult answer = mvc.post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
                .header(OrderRequests.IDEMPOTENCY_KEY, "key-1").content(CHIPS).exchange();

        assertProblem(answer, 422, "Idempotency-Key reused");
        assertThat(answer).bodyJson().extractingPath("$.detail").asString().contains("already used for a different order");
    }

    @Test
    void anOrderTooBigForTheKitchenNamesTheLimitAndItsSetting() {
        MvcTestResult answer = mvc.post().uri("/orders").contentType(MediaType.APPLICATION_JSON)
                .content("{\"lines\":[{\"item\":\"plaice-and-chips\",\"quantity\":9}]}").exchange();

        assertProblem(answer, 422, "Too big for the kitchen");
        assertThat(answer).bodyJson().extractingPath("$.type").isEqualTo("https://chippy.dev/problems/too-big-for-the-kitchen");
        assertThat(answer).bodyJson().extractingPath("$.limit").isEqualTo(8);
        assertThat(answer).bodyJson().extractingPath("$.setting").isEqualTo(KitchenLimits.MAX_PLAICE_PER_ORDER);
        verifyNoInteractions(orderTaking);
    }

    @Test
    void aTillThatCannotTakeTheOrderSays503AndWhenToTryAgain() {
        given(orderTaking.take(anyString(), anyList(), any()))
                .willThrow(TillUnavailableException.notPlaced("the till is still opening", null));

        MvcTestResult answer = mvc.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).content(CHIPS).exchange();

        assertProblem(answer, 503, "The till cannot take orders right now");
        assertThat(answer).hasHeader("Retry-After", "1");
        assertThat(answer).bodyJson().extractingPath("$.placed").isEqualTo(false);
    }

    @Test
    void aFullTillSays429AndWhenToTryAgain() {
        given(orderTaking.take(anyString(), anyList(), any())).willThrow(new TillFullException("Too many tills", "no more"));

        MvcTestResult answer = mvc.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).content(CHIPS).exchange();

        assertProblem(answer, 429, "Too many tills");
        assertThat(answer).hasHeader("Retry-After", "60");
    }

    @Test
    void aGoodOrderIsTakenAndAccepted() {
        UUID id = UUID.randomUUID();
        given(orderTaking.take(anyString(), anyList(), any())).willReturn(new OrderTicket(id, "counter", 1));

        MvcTestResult answer = mvc.post().uri("/orders").contentType(MediaType.APPLICATION_JSON).content(CHIPS).exchange();

        assertThat(answer).hasStatus(202).hasHeader("Location", "http://localhost:8084/orders/" + id);
    }

    private static void assertProblem(MvcTestResult answer, int status, String title) {
        assertThat(answer).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer).bodyJson().extractingPath("$.title").isEqualTo(title);
        assertThat(answer).bodyJson().extractingPath("$.status").isEqualTo(status);
    }
}
