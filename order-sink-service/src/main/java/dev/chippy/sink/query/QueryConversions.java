package dev.chippy.sink.query;

import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Query parameters read durations as configuration does: {@code timeout=5s}, {@code 500ms}, {@code PT5S}. */
@Configuration(proxyBeanMethods = false)
class QueryConversions implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        ApplicationConversionService.addApplicationConverters(registry);
    }
}
