package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.UserDetailsManager;
import org.springframework.test.context.TestPropertySource;

/**
 * Logins behind a load balancer, over real HTTP: the proxy is 127.0.0.1 (the only trusted one), and a
 * client that reaches the console directly connects from 127.0.0.2, a private address that is not a
 * proxy. Forwarded headers are on as in docker/compose.yaml. The per-user limit starts at five failures
 * here, with short delays, so the test stays quick.
 */
@TestPropertySource(
        properties = {
            "server.forward-headers-strategy=native",
            "dlq-console.security.trusted-proxies=127.0.0.1",
            "dlq-console.security.login-throttle.user-failures=5",
            "dlq-console.security.login-throttle.user-delay=500ms",
            "dlq-console.security.login-throttle.user-max-delay=1s",
            "dlq-console.security.login-throttle.max-entries=50",
        })
class LoginBehindProxyIT extends ApiIntegrationTest {

    @Autowired
    UserDetailsManager users;

    private String name;

    @BeforeEach
    void aUserOfItsOwn() {
        name = "proxied-" + UUID.randomUUID().toString().substring(0, 8);
        users.createUser(User.withUsername(name)
                .password("{noop}right-password")
                .roles("VIEWER")
                .build());
    }

    @Test
    void a_client_on_a_private_address_that_is_no_proxy_is_throttled_whatever_it_forwards() throws Exception {
        var direct = HttpClient.newBuilder()
                .localAddress(InetAddress.getByName("127.0.0.2"))
                .build();
        for (int i = 0; i < 5; i++) {
            var guess =
                    direct.send(login(name, "guess-" + i, "10.0.0." + (i + 1)), HttpResponse.BodyHandlers.ofString());
            assertThat(guess.statusCode()).isEqualTo(401);
        }

        var refused = direct.send(login(name, "right-password", "10.0.0.99"), HttpResponse.BodyHandlers.ofString());

        assertThat(body(refused, 401).path("detail").asString())
                .as("a fresh X-Forwarded-For per guess from 127.0.0.2")
                .startsWith("Too many failed logins");
    }

    @Test
    void one_client_behind_the_proxy_cannot_lock_another_one_out() throws Exception {
        // Both are on the office network behind the load balancer, which appends the address it saw.
        // The guesser forges the colleague's address in front of it.
        var proxy = HttpClient.newHttpClient();
        for (int i = 0; i < 5; i++) {
            var guess =
                    proxy.send(login(name, "guess-" + i, "10.9.9.9, 10.1.2.3"), HttpResponse.BodyHandlers.ofString());
            assertThat(guess.statusCode()).isEqualTo(401);
        }

        var colleague = proxy.send(login(name, "right-password", "10.9.9.9"), HttpResponse.BodyHandlers.ofString());
        var guesser = proxy.send(login(name, "right-password", "10.1.2.3"), HttpResponse.BodyHandlers.ofString());

        assertThat(colleague.statusCode()).as(colleague.body()).isEqualTo(200);
        assertThat(body(guesser, 401).path("detail").asString()).startsWith("Too many failed logins");
    }

    @Test
    void failures_from_many_addresses_delay_that_users_logins_without_refusing_the_right_password() throws Exception {
        var proxy = HttpClient.newHttpClient();
        for (int i = 0; i < 6; i++) {
            var guess =
                    proxy.send(login(name, "guess-" + i, "203.0.113." + (i + 1)), HttpResponse.BodyHandlers.ofString());
            assertThat(guess.statusCode()).isEqualTo(401);
        }

        long start = System.nanoTime();
        var owner = proxy.send(login(name, "right-password", "198.51.100.7"), HttpResponse.BodyHandlers.ofString());
        var waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(owner.statusCode())
                .as("the right password, from an address of its own")
                .isEqualTo(200);
        assertThat(waited).as("held before the password check").isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void a_flood_of_made_up_names_does_not_grow_the_counts_without_bound() throws Exception {
        var proxy = HttpClient.newHttpClient();
        for (int i = 0; i < 60; i++) {
            proxy.send(
                    login("made-up-" + UUID.randomUUID(), "guess", "192.0.2." + (i % 200)),
                    HttpResponse.BodyHandlers.discarding());
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM login_failure", Integer.class))
                .isLessThanOrEqualTo(50);

        for (int i = 0; i < 5; i++) {
            proxy.send(login(name, "guess-" + i, "192.0.2.250"), HttpResponse.BodyHandlers.discarding());
        }
        var refused = proxy.send(login(name, "right-password", "192.0.2.250"), HttpResponse.BodyHandlers.ofString());
        assertThat(body(refused, 401).path("detail").asString())
                .as("still counted after the flood")
                .startsWith("Too many failed logins");
    }

    private HttpRequest login(String user, String password, String forwardedFor) {
        var credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/dlqs"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + credentials)
                .header("X-Forwarded-For", forwardedFor)
                .build();
    }
}
