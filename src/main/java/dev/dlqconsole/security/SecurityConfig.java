package dev.dlqconsole.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import dev.dlqconsole.security.ui.AccessRefusedView;
import dev.dlqconsole.security.ui.LoginView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

@Configuration
@EnableWebSecurity
@EnableMethodSecurity(jsr250Enabled = true)
class SecurityConfig {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties) throws Exception {
        // The login page's own stylesheet and icon, the health probes of load balancers (details only
        // for admins, see management.endpoint.health) and Prometheus' scrape, which carries no message
        // content. Production puts /actuator on its own port (management.server.port; see README).
        http.authorizeHttpRequests(auth -> auth.requestMatchers(
                        "/icons/**", "/styles.css", "/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                .permitAll());
        // Swagger UI (springdoc's webjar) can call the API as whoever logs in there: admins only.
        http.authorizeHttpRequests(auth ->
                auth.requestMatchers("/swagger-ui.html", "/swagger-ui/**").hasRole(Roles.ADMIN));
        var oidc = properties.oidc();
        if (oidc.enabled()) {
            // A refused login (no role, or the provider said no) lands on a page that says so: the login
            // page itself is the provider, which would send the browser straight back, again and again.
            http.oauth2Login(login -> login.userInfoEndpoint(info -> info.userAuthoritiesMapper(new OidcRoles(oidc)))
                    // A handler, not failureUrl(): Spring's generated login page would answer on that URL.
                    .failureHandler(new SimpleUrlAuthenticationFailureHandler("/" + AccessRefusedView.ROUTE)));
            return http.with(
                            VaadinSecurityConfigurer.vaadin(),
                            vaadin -> vaadin.oauth2LoginPage("/oauth2/authorization/" + oidc.registration()))
                    .build();
        }
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class))
                .build();
    }

    /** An admin can do all an operator can, and an operator all a viewer can. */
    @Bean
    static RoleHierarchyImpl roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Roles.ADMIN)
                .implies(Roles.OPERATOR)
                .role(Roles.OPERATOR)
                .implies(Roles.VIEWER)
                .build();
    }

    @Bean
    UserDetailsManager users(SecurityProperties properties, LoginThrottle throttle) {
        return throttle.guarding(ConsoleUsers.from(properties));
    }
}
