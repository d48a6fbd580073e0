package dev.chippy.service.web;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.filter.OncePerRequestFilter;

/** The {@link ShopGuard} in front of every Chippy web service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OncePerRequestFilter.class)
@EnableConfigurationProperties(ShopSecurityProperties.class)
public class ShopGuardAutoConfiguration {

    @Bean
    FilterRegistrationBean<ShopGuard> shopGuard(ShopSecurityProperties properties, ObjectProvider<ControlEndpoint> controls,
                                                Environment environment) {
        String actuator = environment.getProperty("management.endpoints.web.base-path", "/actuator");
        List<ControlEndpoint> declared = controls.orderedStream().toList();
        FilterRegistrationBean<ShopGuard> registration = new FilterRegistrationBean<>(new ShopGuard(properties, declared, actuator));
        // Before anything reads the body or does work for a request that is refused anyway.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
