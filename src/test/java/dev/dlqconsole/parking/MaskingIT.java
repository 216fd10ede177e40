package dev.dlqconsole.parking;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dlqconsole.ConsoleIntegrationTest;
import dev.dlqconsole.TestQueues;
import dev.dlqconsole.parking.MessageDetails.Attribute;
import dev.dlqconsole.replay.ReplayRequest;
import dev.dlqconsole.replay.ReplayService;
import dev.dlqconsole.replay.ReplayStatus;
import dev.dlqconsole.security.SensitiveValues;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.sqs.OutgoingMessage;
import dev.dlqconsole.sqs.SqsGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sensitive values through the service, as the UI and the API get them: masked for every role, an
 * admin's unmask audited, nobody else's allowed; the parking lot and replays keep the message whole.
 */
@TestPropertySource(properties = {"dlq-console.parking.enabled=false", "dlq-console.replay.poll=200ms"})
@WithMockUser(username = "olivia", roles = "OPERATOR")
class MaskingIT extends ConsoleIntegrationTest {

    private static final String M = SensitiveValues.MARKER;
    private static final String BODY =
            "{\"orderId\":\"ord-7\",\"payment\":{\"cardNumber\":\"4111111111111111\",\"cvv\":123},\"password\":\"hunter2\"}";
    private static final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    ParkingLot lot;

    @Autowired
    ParkingService parking;

    @Autowired
    ReplayService replays;

    @Autowired
    SqsGateway sqs;

    @Autowired
    DlqDiscovery discovery;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    MessageExtraction extraction;

    @Autowired
    JdbcTemplate jdbc;

    private String dlq;
    private long id;

    @BeforeEach
    void parkASensitiveMessage() {
        dlq = "mask-" + UUID.randomUUID().toString().substring(0, 8);
        id = insert(BODY.getBytes(UTF_8));
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void a_failure_that_echoes_a_secret_is_masked_in_the_message_its_row_and_its_group() {
        var leaky = insert("{}".getBytes(UTF_8), "401 from https://pay.example/api?access_token=tok3nS3cret&x=1");

        var details = parking.details(leaky);
        assertThat(details.failureReason()).contains("access_token=" + M).doesNotContain("tok3nS3cret");
        assertThat(details.failureTemplate()).doesNotContain("tok3nS3cret");
        assertThat(parking.page(filter(), null, 10))
                .filteredOn(r -> r.id() == leaky)
                .singleElement()
                .satisfies(r -> assertThat(r.failureReason()).doesNotContain("tok3nS3cret"));
        assertThat(parking.groups(null))
                .filteredOn(g -> g.dlqs().contains(dlq) && g.sampleReason().startsWith("401 from"))
                .singleElement()
                .satisfies(g -> {
                    assertThat(g.sampleReason()).doesNotContain("tok3nS3cret");
                    assertThat(g.template()).doesNotContain("tok3nS3cret");
                });
        assertThat(parking.unmasked(leaky).failureReason())
                .as("an admin's unmask")
                .contains("tok3nS3cret");
        assertThat(parking.unmasked(leaky).bodySha256()).isEqualTo(FailureFingerprint.sha256("{}".getBytes(UTF_8)));
    }

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void a_viewer_sees_sensitive_values_masked_in_the_body_the_attributes_and_the_preview() {
        var details = parking.details(id);

        var body = json.readTree(new String(details.body(), UTF_8));
        assertThat(body.path("orderId").asString()).isEqualTo("ord-7");
        assertThat(body.path("payment").path("cardNumber").asString()).isEqualTo(M);
        assertThat(body.path("payment").path("cvv").asString()).isEqualTo(M);
        assertThat(body.path("password").asString()).isEqualTo(M);
        assertThat(new String(details.body(), UTF_8)).doesNotContain("4111", "hunter2", "123");
        assertThat(details.attributes())
                .filteredOn(Attribute::masked)
                .extracting(Attribute::name, Attribute::value, Attribute::binary)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Authorization", M, null),
                        org.assertj.core.groups.Tuple.tuple("x-api-key", M, null));
        assertThat(details.attributes())
                .filteredOn(a -> a.name().equals("error"))
                .singleElement()
                .satisfies(a -> assertThat(a.value()).isEqualTo("Card declined"));
        assertThat(details.masking().unmasked()).isFalse();
        assertThat(details.masking().bodyValues()).isEqualTo(3);
        assertThat(details.masking().attributes()).containsExactlyInAnyOrder("Authorization", "x-api-key");
        assertThat(details.masking().values()).isEqualTo(5);
        assertThat(details.bodySha256())
                .as("a hash would let a short masked value be guessed")
                .isNull();
        // Size and hash describe the message as parked, not what is shown.
        assertThat(details.message().bodySize()).isEqualTo(BODY.length());

        var row = parking.page(filter(), null, 10).getFirst();
        assertThat(row.bodyPreview()).contains("\"cardNumber\":\"" + M + "\"").doesNotContain("4111", "hunter2");
        assertThat(parking.pageAt(filter(), 0, 10).getFirst().bodyPreview()).isEqualTo(row.bodyPreview());
    }

    @Test
    void an_operator_sees_them_masked_too_and_may_not_unmask() {
        assertThat(new String(parking.details(id).body(), UTF_8)).doesNotContain("hunter2");

        assertThatThrownBy(() -> parking.unmasked(id)).isInstanceOf(AccessDeniedException.class);
        assertThat(unmaskEvents()).isEmpty();
        assertThat(deniedEvents("olivia")).anySatisfy(t -> assertThat(t).contains("unmasked(" + id + ")"));
    }

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void a_viewer_may_not_unmask() {
        assertThatThrownBy(() -> parking.unmasked(id)).isInstanceOf(AccessDeniedException.class);
        assertThat(unmaskEvents()).isEmpty();
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void an_admin_sees_values_masked_by_default_and_unmasking_one_message_is_audited() {
        var masked = parking.details(id);
        assertThat(new String(masked.body(), UTF_8)).doesNotContain("hunter2");
        assertThat(unmaskEvents()).isEmpty();

        var unmasked = parking.unmasked(id);

        assertThat(new String(unmasked.body(), UTF_8)).isEqualTo(BODY);
        assertThat(unmasked.attributes())
                .filteredOn(a -> a.name().equals("Authorization"))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.value()).isEqualTo("Bearer eyJhbGciOi.secret");
                    assertThat(a.masked()).isFalse();
                });
        assertThat(unmasked.masking().unmasked()).isTrue();
        assertThat(unmasked.masking().values()).isEqualTo(5);
        assertThat(unmaskEvents()).containsExactly("ada OK message " + id);
        assertThat(jdbc.queryForObject(
                        "SELECT detail FROM audit_event WHERE action = 'message.unmask' AND targets = ?",
                        String.class,
                        "message " + id))
                .contains("5 sensitive values", "Authorization");
        // Unmasking shows one message once: the next look is masked again.
        assertThat(new String(parking.details(id).body(), UTF_8)).doesNotContain("hunter2");
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void unmasking_a_message_that_does_not_exist_records_nothing() {
        assertThatThrownBy(() -> parking.unmasked(987_654_321L)).hasMessageContaining("No parked message");
        assertThat(unmaskEvents()).isEmpty();
    }

    @Test
    @WithMockUser(username = "vera", roles = "VIEWER")
    void a_binary_body_is_left_as_it_is_and_says_so_but_its_attributes_are_still_masked() {
        var bytes = new byte[] {(byte) 0xff, (byte) 0xfe, 'p', 'a', 's', 's', 'w', 'o', 'r', 'd', '=', 'x'};
        var binary = insert(bytes);

        var details = parking.details(binary);

        assertThat(details.body()).isEqualTo(bytes);
        assertThat(details.masking().bodyMaskable()).isFalse();
        assertThat(details.masking().bodyValues()).isZero();
        assertThat(details.masking().attributes()).containsExactlyInAnyOrder("Authorization", "x-api-key");
        assertThat(details.attributes())
                .filteredOn(a -> a.name().equals("x-api-key"))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.dataType()).isEqualTo("Binary");
                    assertThat(a.binary()).isNull();
                    assertThat(a.value()).isEqualTo(M);
                });
    }

    @Test
    void a_replay_sends_the_message_as_it_was_parked_not_as_it_is_shown() {
        var queues = TestQueues.create(sqs, "mask", false);
        var attributes = Map.of(
                "Authorization", MessageAttribute.string("Bearer abc.def"),
                "error", MessageAttribute.string("Card declined"));
        sqs.send("embedded", queues.dlqUrl(), OutgoingMessage.of(BODY, attributes));
        discovery.refresh("embedded");
        parking.parkNow("embedded", queues.dlqName());
        var ids =
                parking.matchingIds(new MessageFilter(queues.dlqName(), null, null, null, null, null, null, null), 10);
        assertThat(new String(parking.details(ids.getFirst()).body(), UTF_8)).doesNotContain("hunter2");

        var job = replays.create(new ReplayRequest(ids, null, "card service back", null, 100, false, null));
        await().pollInSameThread()
                .atMost(Duration.ofSeconds(30))
                .until(() -> replays.job(job.id()).status() == ReplayStatus.COMPLETED);

        var received = TestQueues.drain(sqs, "embedded", queues.sourceUrl(), 1).getFirst();
        assertThat(received.body()).isEqualTo(BODY);
        assertThat(received.attributes()).containsAllEntriesOf(attributes);
    }

    private long insert(byte[] body) {
        return insert(body, "Card declined");
    }

    /** Parks a message through the parker's own extraction (masked at park time), with these body bytes. */
    private long insert(byte[] body, String reason) {
        var attributes = new java.util.LinkedHashMap<String, dev.dlqconsole.sqs.MessageAttribute>();
        attributes.put("Authorization", dev.dlqconsole.sqs.MessageAttribute.string("Bearer eyJhbGciOi.secret"));
        attributes.put("error", dev.dlqconsole.sqs.MessageAttribute.string(reason));
        attributes.put("x-api-key", new dev.dlqconsole.sqs.MessageAttribute("Binary", null, new byte[] {0, 1, 2}));
        var extracted = extraction.extract(
                new dev.dlqconsole.sqs.DeadLetterQueue(
                        "embedded",
                        dlq,
                        "http://localhost/" + dlq,
                        "arn:aws:sqs:us-east-1:000000000000:" + dlq,
                        List.of(),
                        0,
                        0,
                        null),
                new dev.dlqconsole.sqs.ReceivedMessage(
                        dlq + "-" + UUID.randomUUID(),
                        "handle",
                        new String(body, UTF_8),
                        attributes,
                        java.util.Map.of("DeadLetterQueueSourceArn", "arn:aws:sqs:us-east-1:000000000000:orders")),
                Instant.now());
        // The bytes as they are (a binary body does not survive a String), with the values made from them.
        var draft = new ParkedMessageDraft(
                extracted.connectionName(),
                extracted.dlqName(),
                extracted.sqsMessageId(),
                extracted.sourceQueue(),
                extracted.parkedAt(),
                extracted.sentAt(),
                3,
                extracted.failureReason(),
                extracted.failureType(),
                extracted.fingerprint(),
                null,
                null,
                null,
                null,
                FailureFingerprint.sha256(body),
                body,
                extracted.bodyPreview(),
                extracted.searchText(),
                extracted.attributesJson(),
                extracted.systemJson(),
                null,
                null,
                null,
                null,
                0,
                extracted.shownAttributesJson(),
                extracted.maskedWith());
        transaction.executeWithoutResult(status -> lot.insert(List.of(draft)));
        return parking.matchingIds(filter(), 100).getFirst();
    }

    private MessageFilter filter() {
        return new MessageFilter(dlq, null, null, null, null, null, null, null);
    }

    private List<String> unmaskEvents() {
        return jdbc.queryForList(
                "SELECT actor || ' ' || outcome || ' ' || targets FROM audit_event WHERE action = 'message.unmask'"
                        + " AND targets = ? ORDER BY id",
                String.class,
                "message " + id);
    }

    private List<String> deniedEvents(String actor) {
        return jdbc.queryForList(
                "SELECT targets FROM audit_event WHERE action = 'denied' AND actor = ? ORDER BY id",
                String.class,
                actor);
    }
}
