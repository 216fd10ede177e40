package dev.dlqconsole.audit;

import dev.dlqconsole.audit.AuditEvent.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Logins, failed logins and denied attempts become audit events. Each is written in a transaction of
 * its own: a denied call has none worth joining, and its own rolls back.
 */
@Configuration
class SecurityEvents {

    private final AuditLog audit;
    private final FailedLogins failedLogins;

    SecurityEvents(AuditLog audit, FailedLogins failedLogins) {
        this.audit = audit;
        this.failedLogins = failedLogins;
    }

    /** Makes Spring Security publish an event for every denied method call and request. */
    @Bean
    static AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher publisher) {
        return new SpringAuthorizationEventPublisher(publisher);
    }

    @EventListener
    void loggedIn(InteractiveAuthenticationSuccessEvent event) {
        audit.recordSecurityEvent(
                AuditEntry.of("login", null, null).by(event.getAuthentication().getName()));
    }

    /** Counted together per source and user (see {@link FailedLogins}): a flood must not grow the trail. */
    @EventListener
    void loginFailed(AbstractAuthenticationFailureEvent event) {
        var name = event.getAuthentication().getName();
        failedLogins.failed(
                source(event.getAuthentication()),
                name == null || name.isBlank() ? "(no user name)" : name,
                String.valueOf(event.getException().getMessage()));
    }

    /** The client's address as the servlet container has it (see the README on forwarded headers). */
    private static String source(Authentication authentication) {
        if (authentication.getDetails() instanceof WebAuthenticationDetails details
                && details.getRemoteAddress() != null) {
            return details.getRemoteAddress();
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return "unknown address";
    }

    @EventListener
    void denied(AuthorizationDeniedEvent<?> event) {
        var authentication = event.getAuthentication().get();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return; // Someone not logged in is sent to the login page; that is not an attempt.
        }
        audit.recordSecurityEvent(AuditEntry.of("denied", describe(event.getSource()), null)
                .by(authentication.getName())
                .withOutcome(Outcome.DENIED, "missing role; has " + authentication.getAuthorities()));
    }

    private static String describe(Object source) {
        if (source instanceof MethodInvocation call) {
            var args = Arrays.stream(call.getArguments())
                    .map(String::valueOf)
                    .map(a -> a.length() > 200 ? a.substring(0, 199) + "…" : a)
                    .collect(Collectors.joining(", "));
            return call.getMethod().getDeclaringClass().getSimpleName() + "."
                    + call.getMethod().getName() + "(" + args + ")";
        }
        if (source instanceof HttpServletRequest request) {
            return request.getMethod() + " " + request.getRequestURI();
        }
        return String.valueOf(source);
    }
}
