package dev.chippy.sink.board;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The live board at {@code /}.
 *
 * @param pushInterval     changes are gathered and pushed to the screens at most this often
 * @param entriesPerPane   orders kept in each till's, preparer's and the cook's pane, and numbers
 *                         on the ready board
 * @param panesShown       tills, and preparers, shown at most; the most recently busy ones
 * @param rememberedOrders orders whose lines the board remembers, to show them when a preparer
 *                         gets to them; a backlog longer than this shows numbers without lines
 * @param maxScreens       browsers watching at once, at most; more are refused with 503
 * @param maxScreensPerClient browsers watching from one client address, at most; more are
 *                         refused with 429, so that one client cannot take every screen
 * @param stalledScreen    a screen whose send has not finished for this long is not reading,
 *                         and is closed: its browser, if it is there, reconnects by itself
 * @param lagInterval      how often the consumer groups' lag is read from Kafka
 * @param lagHistory       how far back the lag chart goes
 * @param statsInterval    the counts are worked out at most this often (less often when the
 *                         database takes long to answer), however many screens watch
 * @param faultPanelUrl    where the runner's fault panel answers ({@code ./chippy run} sets it;
 *                         nothing else has one): the board then shows it. This machine only.
 */
@Validated
@ConfigurationProperties("chippy.board")
public record BoardProperties(
        @NotNull @DefaultValue("250ms") Duration pushInterval,
        @Min(1) @Max(100) @DefaultValue("12") int entriesPerPane,
        @Min(1) @Max(50) @DefaultValue("8") int panesShown,
        @Min(100) @DefaultValue("10000") int rememberedOrders,
        @Min(1) @Max(1000) @DefaultValue("50") int maxScreens,
        @Min(1) @Max(1000) @DefaultValue("5") int maxScreensPerClient,
        @NotNull @DefaultValue("10s") Duration stalledScreen,
        @NotNull @DefaultValue("1s") Duration lagInterval,
        @NotNull @DefaultValue("2m") Duration lagHistory,
        @NotNull @DefaultValue("1s") Duration statsInterval,
        @Pattern(regexp = "http://(localhost|127\\.0\\.0\\.1):[0-9]{1,5}",
                message = "must be http://localhost:PORT: the fault panel answers on this machine only") String faultPanelUrl) {
}
