package dev.dlqconsole.security;

import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.util.NetMask;
import org.apache.catalina.valves.RemoteIpValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Believes {@code X-Forwarded-For} and {@code X-Forwarded-Proto} only from the configured proxies
 * ({@code dlq-console.security.trusted-proxies}, addresses or CIDR ranges). Tomcat's own default, with
 * {@code server.forward-headers-strategy=native}, trusts every private address: a client on a 10.x
 * network could then name a fresh address per guess and never meet the login throttle. The list
 * replaces {@code server.tomcat.remoteip.internal-proxies}; an empty one ignores forwarded headers, and
 * a non-empty one turns them on even without the strategy. Runs after Spring Boot's customizer, which
 * adds the valve.
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(TrustedProxies.class);

    private final String proxies;

    TrustedProxies(SecurityProperties properties, Environment environment) {
        this.proxies = cidrs(properties.trustedProxies());
        if ("framework".equalsIgnoreCase(environment.getProperty("server.forward-headers-strategy", ""))) {
            // Spring's ForwardedHeaderFilter believes whoever sends the headers.
            throw new IllegalStateException("server.forward-headers-strategy=framework believes X-Forwarded-For from"
                    + " anyone: use native (or leave it unset) and list the proxies in"
                    + " dlq-console.security.trusted-proxies");
        }
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        var valves = factory.getEngineValves().stream()
                .filter(RemoteIpValve.class::isInstance)
                .map(RemoteIpValve.class::cast)
                .toList();
        if (valves.isEmpty() && !proxies.isEmpty()) {
            var valve = new RemoteIpValve();
            valve.setRemoteIpHeader("X-Forwarded-For");
            valve.setProtocolHeader("X-Forwarded-Proto");
            factory.addEngineValves(valve);
            valves = List.of(valve);
        }
        if (!valves.isEmpty() && proxies.isEmpty()) {
            log.warn("Forwarded headers are on (server.forward-headers-strategy) but dlq-console.security."
                    + "trusted-proxies is empty: X-Forwarded-For is ignored, and every client behind a proxy"
                    + " shares the proxy's address");
        }
        for (var valve : valves) {
            // A list with a '/' is read as CIDR ranges; an empty one trusts no one.
            valve.setInternalProxies(proxies);
            valve.setTrustedProxies("");
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Each entry as a CIDR range, checked now so a typo stops the start with its name. */
    static String cidrs(List<String> entries) {
        var ranges = new ArrayList<String>();
        for (var entry : entries) {
            var range = entry.strip();
            if (range.isEmpty()) {
                continue;
            }
            if (!range.matches("[0-9a-fA-F:.]+(/\\d{1,3})?")) {
                throw invalid(entry, "an IP address or a CIDR range, such as 10.0.0.5 or 10.0.0.0/24 (no host names)");
            }
            if (!range.contains("/")) {
                range += range.contains(":") ? "/128" : "/32";
            }
            try {
                new NetMask(range);
            } catch (IllegalArgumentException e) {
                throw invalid(entry, e.getMessage());
            }
            ranges.add(range);
        }
        return String.join(",", ranges);
    }

    private static IllegalStateException invalid(String entry, String problem) {
        return new IllegalStateException("dlq-console.security.trusted-proxies (" + entry + "): " + problem);
    }
}
