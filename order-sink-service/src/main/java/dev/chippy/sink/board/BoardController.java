package dev.chippy.sink.board;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.chippy.menu.Menu;
import dev.chippy.order.OrderRequests;

/**
 * The live board: the page itself is {@code static/index.html} at {@code /};
 * {@code GET /board/events} streams the board to it, {@code GET /board/menu} gives its
 * till the menu, and {@code POST /board/orders} places an order through the till service.
 */
@RestController
class BoardController {

    /** As the till's own limit, by default. */
    private static final int LARGEST_ORDER = (int) DataSize.parse(OrderRequests.LARGEST_BODY).toBytes();

    record MenuItemView(String id, String name, int pricePence, boolean needsCook) {
    }

    private final List<MenuItemView> menu = Menu.standard().items().stream()
            .map(item -> new MenuItemView(item.id(), item.name(), item.pricePence(), item.needsCook())).toList();
    private final Screens screens;
    private final TillClient till;
    private final String faultPanelUrl;

    BoardController(Screens screens, TillClient till, BoardProperties properties) {
        this.screens = screens;
        this.till = till;
        this.faultPanelUrl = properties.faultPanelUrl();
    }

    /** Where the runner's fault panel is, when the shop was opened by {@code ./chippy run}; 204 otherwise. */
    @GetMapping("/board/fault-panel")
    ResponseEntity<Map<String, String>> faultPanel() {
        return faultPanelUrl == null ? ResponseEntity.noContent().build() : ResponseEntity.ok(Map.of("url", faultPanelUrl));
    }

    @GetMapping(path = "/board/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(HttpServletRequest request) {
        return screens.connect(request.getRemoteAddr());
    }

    @GetMapping("/board/menu")
    List<MenuItemView> menu() {
        return menu;
    }

    /** JSON only, from the board's own page (see BoardControl): a missing Content-Type is refused with 415. */
    @PostMapping(path = "/board/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> place(HttpServletRequest request,
                                 @RequestHeader(name = OrderRequests.IDEMPOTENCY_KEY, required = false) String idempotencyKey)
            throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(LARGEST_ORDER + 1);
        }
        if (body.length > LARGEST_ORDER) {
            throw new ResponseStatusException(HttpStatus.PAYLOAD_TOO_LARGE, "An order is at most " + LARGEST_ORDER + " bytes");
        }
        return till.place(body, request.getContentType(), idempotencyKey);
    }
}
