package dev.chippy.till.simulation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.chippy.service.web.ControlEndpoint;

/**
 * {@code PUT /simulation} and {@code POST /simulation/start|stop} change the shop (64 tills
 * at speed 0 floods it): they need the admin token when one is set, and no other web site
 * may send them.
 */
@Configuration(proxyBeanMethods = false)
class SimulationControl {

    @Bean
    ControlEndpoint simulationEndpoints() {
        return new ControlEndpoint("/simulation/**", true);
    }
}
