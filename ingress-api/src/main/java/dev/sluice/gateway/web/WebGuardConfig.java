package dev.sluice.gateway.web;

import dev.sluice.bridge.StreamBridge;
import dev.sluice.gateway.chat.GatewaySettings;
import dev.sluice.schemas.role.ConditionalOnRole;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The servlet-level guards of the gateway, in order: correlation id (first of all, so every
 * response and log line has one), then Spring Security (order -100), then the body guard
 * (content type and size) before Spring MVC parses anything.
 */
@Configuration
@ConditionalOnRole("gateway")
public class WebGuardConfig implements WebMvcConfigurer {
    /** Spring Security's filter chain runs at -100 (SecurityProperties.DEFAULT_FILTER_ORDER). */
    static final int AFTER_SECURITY = -90;

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter(MeterRegistry meters, StreamBridge bridge) {
        FilterRegistrationBean<CorrelationIdFilter> bean =
                new FilterRegistrationBean<>(new CorrelationIdFilter(meters, bridge::mint));
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return bean;
    }

    @Bean
    FilterRegistrationBean<RequestBodyFilter> requestBodyFilter(GatewaySettings settings) {
        FilterRegistrationBean<RequestBodyFilter> bean = new FilterRegistrationBean<>(
                new RequestBodyFilter(settings.maxBodyBytes().toBytes()));
        bean.setOrder(AFTER_SECURITY);
        bean.addUrlPatterns("/v1/*");
        return bean;
    }

    /** Tomcat's own error page (for requests it refuses before Spring) speaks JSON too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonTomcatErrors() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host)
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
        });
    }
}
