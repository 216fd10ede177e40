package dev.dlqconsole.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.UserDetailsManager;

/**
 * Password guessing is slowed: five wrong passwords for one user from one address pause that user's
 * logins from there, without locking anyone else out. Each test uses a user of its own.
 */
class LoginThrottleIT extends ApiIntegrationTest {

    @Autowired
    UserDetailsManager users;

    private String name;

    @BeforeEach
    void aUserOfItsOwn() {
        name = "throttled-" + UUID.randomUUID().toString().substring(0, 8);
        users.createUser(User.withUsername(name)
                .password("{noop}right-password")
                .roles("VIEWER")
                .build());
    }

    @Test
    void five_wrong_passwords_pause_that_users_logins_even_with_the_right_one() {
        assertThat(send(basic(name, "right-password", "/api/dlqs")).statusCode())
                .isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(send(basic(name, "guess-" + i, "/api/dlqs")).statusCode())
                    .isEqualTo(401);
        }

        var refused = send(basic(name, "right-password", "/api/dlqs"));

        assertThat(body(refused, 401).path("detail").asString()).startsWith("Too many failed logins");
        // The first failure is audited at once, the others counted into one event (FailedLoginFloodIT).
        assertThat(audited("login"))
                .filteredOn(row -> row.startsWith(name + " "))
                .isNotEmpty()
                .allMatch(row -> row.startsWith(name + " DENIED"));
        assertThat(send(as("viewer", "/api/dlqs")).statusCode())
                .as("another user")
                .isEqualTo(200);
    }

    @Test
    void a_name_that_does_not_exist_answers_exactly_as_one_that_does() {
        var unknown = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            var known = send(basic(name, "guess-" + i, "/api/dlqs"));
            var stranger = send(basic(unknown, "guess-" + i, "/api/dlqs"));
            assertThat(body(stranger, 401).path("detail"))
                    .isEqualTo(body(known, 401).path("detail"));
        }

        var known = body(send(basic(name, "guess-5", "/api/dlqs")), 401);
        var stranger = body(send(basic(unknown, "guess-5", "/api/dlqs")), 401);

        assertThat(known.path("detail").asString()).startsWith("Too many failed logins");
        assertThat(stranger.path("detail")).isEqualTo(known.path("detail"));
    }

    @Test
    void a_right_password_before_the_fifth_wrong_one_starts_the_count_again() {
        for (int i = 0; i < 4; i++) {
            send(basic(name, "guess-" + i, "/api/dlqs"));
        }
        assertThat(send(basic(name, "right-password", "/api/dlqs")).statusCode())
                .isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            send(basic(name, "guess-again-" + i, "/api/dlqs"));
        }

        assertThat(send(basic(name, "right-password", "/api/dlqs")).statusCode())
                .isEqualTo(200);
    }
}
