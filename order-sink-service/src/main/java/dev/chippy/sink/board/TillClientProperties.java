package dev.chippy.sink.board;

import java.net.URI;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the live board's own till passes its orders on. The prefix is the record keeper's
 * ({@code chippy.sink.till-url}), as the README and the compose file name the setting.
 *
 * @param tillUrl where the till service takes orders ({@code POST /orders})
 */
@Validated
@ConfigurationProperties("chippy.sink")
public record TillClientProperties(@NotNull @DefaultValue("http://localhost:8081") URI tillUrl) {
}
