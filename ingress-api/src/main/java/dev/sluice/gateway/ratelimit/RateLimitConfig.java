package dev.sluice.gateway.ratelimit;

import dev.sluice.gateway.chat.TokenReservations;
import dev.sluice.schemas.config.KafkaSettings;
import dev.sluice.schemas.config.ProcessSettings;
import dev.sluice.schemas.role.ConditionalOnRole;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the per-user limits of the gateway role (turned off with {@code sluice.ratelimit.enabled=false}). */
@Configuration
@EnableConfigurationProperties({RateLimitSettings.class, KafkaSettings.class, ProcessSettings.class})
@ConditionalOnRole("gateway")
@ConditionalOnProperty(name = "sluice.ratelimit.enabled", havingValue = "true", matchIfMissing = true)
public class RateLimitConfig {

    @Bean(destroyMethod = "close")
    RateLimiter rateLimiter(RedisClient redis, RateLimitSettings settings, MeterRegistry meters) {
        return new RateLimiter(redis, settings, meters).start();
    }

    @Bean(destroyMethod = "close")
    @DependsOn(dev.sluice.schemas.topic.TopicProvisioner.BEAN_NAME)
    UsageMeter usageMeter(KafkaSettings kafka, ProcessSettings process, RateLimiter limiter) {
        return new UsageMeter(kafka.bootstrap(), process.instanceId(), limiter).start();
    }

    @Bean
    TokenReservations tokenReservations(RateLimiter limiter) {
        return new BudgetReservations(limiter);
    }

    @Bean
    WebMvcConfigurer rateLimitInterceptor(RateLimiter limiter) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new RateLimitInterceptor(limiter)).addPathPatterns("/v1/**");
            }
        };
    }
}
