package dev.chippy.sink.board;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.chippy.service.web.ControlEndpoint;

/**
 * {@code POST /board/orders} places orders in the shop: only the board's own page may send
 * it, as JSON, so that no other web site a user visits can order in their shop. It needs no
 * admin token: it does no more than {@code POST /orders} at the till, which customers use.
 */
@Configuration(proxyBeanMethods = false)
class BoardControl {

    @Bean
    ControlEndpoint boardOrdersEndpoint() {
        return new ControlEndpoint("/board/orders", false);
    }
}
