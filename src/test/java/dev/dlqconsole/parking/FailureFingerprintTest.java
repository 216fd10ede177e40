package dev.dlqconsole.parking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureFingerprintTest {

    @Test
    void reasons_that_differ_only_by_ids_and_numbers_share_a_fingerprint() {
        var a = FailureFingerprint.of(
                "Read timed out after 3000 ms calling inventory-service at 10.0.3.7:8443 for ord-123456");
        var b = FailureFingerprint.of(
                "Read timed out after 3500 ms calling inventory-service at 10.0.9.21:8443 for ord-99");

        assertThat(a).isEqualTo(b).hasSize(32);
    }

    @Test
    void uuids_timestamps_quoted_values_emails_and_hex_ids_are_normalised() {
        assertThat(FailureFingerprint.template(
                        "Payment 3f2b8c1e-9d4a-4b6f-8e2a-1c3d5e7f9a0b failed at 2026-11-28T21:03:04.123Z for"
                                + " 'alice' <cus-42@example.com> trace 4bf92f3577b34da6a3ce929d0e0e4736"))
                .isEqualTo("Payment <uuid> failed at <time> for '<value>' <<email>> trace <hex>");
    }

    @Test
    void different_failures_get_different_fingerprints() {
        assertThat(FailureFingerprint.of("Unsupported currency 'XBT' in order ord-1"))
                .isNotEqualTo(FailureFingerprint.of("Template 'order-shipped-v3' not found for cus-1@example.com"));
    }

    @Test
    void messages_without_a_reason_form_one_group() {
        assertThat(FailureFingerprint.of(null)).isEqualTo(FailureFingerprint.of("  "));
        assertThat(FailureFingerprint.template(null)).isEqualTo("(no failure reason recorded)");
    }
}
