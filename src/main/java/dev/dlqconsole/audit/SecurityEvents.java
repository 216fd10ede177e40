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

/**
 * Logins, failed logins and denied attempts become audit events. Each is written in a transaction of
 * its own: a denied call has none worth joining, and its own rolls back.
 */
@Configuration
class SecurityEvents {

    private final AuditLog audit;

    SecurityEvents(AuditLog audit) {
        this.audit = audit;
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

    @EventListener
    void loginFailed(AbstractAuthenticationFailureEvent event) {
        var name = event.getAuthentication().getName();
        audit.recordSecurityEvent(AuditEntry.of("login", null, null)
                .by(name == null || name.isBlank() ? "(no user name)" : name)
                .withOutcome(Outcome.DENIED, event.getException().getMessage()));
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
