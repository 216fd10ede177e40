package dev.dlqconsole.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The REST API under /api: its own filter chain, before the UI's. Each request carries its
 * credentials (HTTP basic as a console user, or a service account's bearer token); no session and no
 * cookie, hence no CSRF token either: instead, state-changing calls must be JSON ({@link JsonOnlyWrites}). Roles are checked here per endpoint and again by the services.
 */
@Configuration
class ApiSecurityConfig {

    /** The generated contract (springdoc.api-docs.path), as JSON, as YAML and Swagger UI's settings: no login. */
    static final String[] CONTRACT = {"/api/openapi", "/api/openapi.yaml", "/api/openapi/swagger-config"};

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(
            HttpSecurity http,
            SecurityProperties properties,
            UserDetailsManager users,
            AuthenticationEventPublisher events,
            ObjectProvider<SecurityContextHolderStrategy> strategy)
            throws Exception {
        var problems = new ApiProblems();
        var tokens = new ProviderManager(new ApiTokens(properties.apiTokens(), users::userExists));
        // Failed token logins are published like failed form logins, so the audit trail records them.
        tokens.setAuthenticationEventPublisher(events);
        var bearer = new AuthenticationFilter(tokens, ApiSecurityConfig::bearerToken);
        bearer.setSecurityContextHolderStrategy(
                strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy));
        bearer.setSuccessHandler(new ContinueChain());
        bearer.setFailureHandler(new AuthenticationEntryPointFailureHandler(problems));

        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(auth -> auth.requestMatchers(HttpMethod.GET, CONTRACT)
                        .permitAll()
                        .requestMatchers("/api/audit-events", "/api/audit-events/**")
                        .hasRole(Roles.OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/api/**")
                        .hasRole(Roles.OPERATOR)
                        .anyRequest()
                        .hasRole(Roles.VIEWER))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .addFilterBefore(bearer, BasicAuthenticationFilter.class)
                // After the credentials and the role: a stranger still gets 401, a viewer 403.
                .addFilterAfter(new JsonOnlyWrites(), AuthorizationFilter.class)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return ApiProblems.rejected();
    }

    /** {@code Authorization: Bearer <token>}, else nothing (HTTP basic, or no credentials). */
    private static @Nullable Authentication bearerToken(HttpServletRequest request) {
        var header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        var token = header.substring(7).strip();
        if (token.isEmpty()) {
            throw new BadCredentialsException("The bearer token is empty");
        }
        return ApiTokenAuthentication.presented(token);
    }

    /** A token is checked on every request; on success the request simply goes on. */
    private static final class ContinueChain implements AuthenticationSuccessHandler {

        @Override
        public void onAuthenticationSuccess(
                HttpServletRequest request, HttpServletResponse response, FilterChain chain, Authentication auth)
                throws java.io.IOException, jakarta.servlet.ServletException {
            chain.doFilter(request, response);
        }

        @Override
        public void onAuthenticationSuccess(
                HttpServletRequest request, HttpServletResponse response, Authentication authentication) {}
    }
}
