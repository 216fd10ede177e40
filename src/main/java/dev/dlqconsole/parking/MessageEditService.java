package dev.dlqconsole.parking;

import dev.dlqconsole.audit.AuditEntry;
import dev.dlqconsole.audit.AuditLog;
import dev.dlqconsole.parking.MessageEdits.BulkEdit;
import dev.dlqconsole.parking.MessageEdits.BulkOutcome;
import dev.dlqconsole.parking.MessageEdits.Check;
import dev.dlqconsole.parking.MessageEdits.Edit;
import dev.dlqconsole.parking.MessageEdits.Editor;
import dev.dlqconsole.parking.MessageEdits.Sample;
import dev.dlqconsole.parking.MessageEdits.Versions;
import dev.dlqconsole.security.SensitiveValues;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Edit and retry: an edit of a parked message is a new version of it (the message as parked never
 * changes), and a replay sends the latest version. The editor sees the message masked, as its page
 * shows it; an edit keeps each masked value as stored unless the editor typed another in its place
 * ({@link MaskedEdit}). Only the configured role edits ({@code dlq-console.edit.role}), only a message
 * that waits in the parking lot and that no unfinished replay job is to send. See docs/decisions/017.
 */
@Service
public class MessageEditService {

    private static final Logger log = LoggerFactory.getLogger(MessageEditService.class);
    /** The most a message may carry to SQS, body and attributes together. */
    static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    private static final int CHUNK = 500;
    private static final int SAMPLES = 5;

    private final ParkingLot lot;
    private final MessageVersions versions;
    private final SensitiveValues sensitive;
    private final ShownValues shown;
    private final ReplaysWaiting waiting;
    private final EditRole role;
    private final EditProperties properties;
    private final AuditLog audit;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    MessageEditService(
            ParkingLot lot,
            MessageVersions versions,
            SensitiveValues sensitive,
            ShownValues shown,
            ReplaysWaiting waiting,
            EditRole role,
            EditProperties properties,
            AuditLog audit,
            JdbcTemplate jdbc,
            Clock clock) {
        this.lot = lot;
        this.versions = versions;
        this.sensitive = sensitive;
        this.shown = shown;
        this.waiting = waiting;
        this.role = role;
        this.properties = properties;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether the current user holds the edit role: the views show the edit buttons to them only. */
    public boolean permitted() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && role.permits(authentication);
    }

    /** The message as the editor opens it: its latest version, masked. */
    @PreAuthorize("@editRole.permits(authentication)")
    @Transactional(readOnly = true)
    public Editor editor(long id) {
        var current = current(id);
        var refusal = refusal(current.status(), waiting.jobsToSend(List.of(id)).get(id), current.text() == null);
        if (current.text() == null) {
            return new Editor(id, current.version(), false, "", "{}", 0, refusal);
        }
        var masked = sensitive.mask(current.text());
        var attributes = shown.shownAttributes(current.attributes());
        var maskedAttributes = (int) attributes.entrySet().stream()
                .filter(e -> !java.util.Objects.equals(
                        e.getValue().stringValue(),
                        current.attributes().get(e.getKey()).stringValue()))
                .count();
        return new Editor(
                id,
                current.version(),
                current.json(),
                current.json() ? MaskedEdit.pretty(masked.text()) : masked.text(),
                MaskedEdit.pretty(StoredAttributes.encode(attributes)),
                masked.masked() + maskedAttributes,
                refusal);
    }

    /**
     * What saving the edit would change, masked, without saving it.
     *
     * @throws IllegalArgumentException when the edit would be refused (not JSON, a marker out of place…)
     */
    @PreAuthorize("@editRole.permits(authentication)")
    @Transactional(readOnly = true)
    public Check check(long id, Edit edit) {
        var current = current(id);
        prepare(current, edit);
        return new Check(
                TextDiff.of(shownBody(current), edit.body()),
                TextDiff.of(shownAttributes(current.attributes()), MaskedEdit.pretty(edit.attributes())));
    }

    /** Saves the edit as the message's next version, and records it in the audit trail. */
    @PreAuthorize("@editRole.permits(authentication)")
    @Transactional
    public MessageVersion save(long id, Edit edit) {
        var reason = reason(edit.reason());
        var status = lockState(List.of(id)).get(id);
        if (status == null) {
            throw new NoSuchElementException("No parked message has id " + id);
        }
        var current = current(id);
        var refusal = refusal(status, waiting.jobsToSend(List.of(id)).get(id), current.text() == null);
        if (refusal != null) {
            throw new IllegalStateException("Message " + id + " cannot be edited now: " + refusal);
        }
        if (edit.basedOn() != current.version()) {
            throw new IllegalStateException("Message " + id + " was edited meanwhile (it is at version "
                    + current.version() + ", the edit was made from version " + edit.basedOn()
                    + "): open the editor again");
        }
        var prepared = prepare(current, edit);
        var version = current.version() + 1;
        var body = prepared.body().getBytes(StandardCharsets.UTF_8);
        var by = operator();
        var now = clock.instant();
        versions.insert(List.of(new MessageVersions.New(
                id,
                version,
                body,
                prepared.attributesJson(),
                FailureFingerprint.sha256(body),
                by,
                now,
                reason,
                false)));
        var bodyDiff = TextDiff.of(shownBody(current), edit.body());
        audit.record(AuditEntry.of("message.edit", "message " + id, reason)
                .withDetail("version " + version + ": " + bodyDiff.changedLines() + " body lines changed"
                        + (prepared.attributesChanged() ? ", attributes changed" : ", attributes as they were")));
        log.info("{} edited parked message {} (version {}): {}", by, id, version, reason);
        return versions.history(id).getLast();
    }

    /** The versions of a message and the diff of the message as parked and its latest version, masked. */
    @PreAuthorize("hasRole('VIEWER')")
    @Transactional(readOnly = true)
    public Versions versions(long id) {
        var history = versions.history(id);
        if (history.isEmpty()) {
            return new Versions(List.of(), null);
        }
        var original = lot.stored(id).orElseThrow(() -> new NoSuchElementException("No parked message has id " + id));
        var latest = versions.latest(id).orElseThrow();
        var originalText = MessageDetails.utf8(original.body());
        var json = originalText != null && MaskedEdit.tree(originalText) != null;
        return new Versions(
                history,
                new Check(
                        TextDiff.of(
                                maskedBody(originalText, json), maskedBody(MessageDetails.utf8(latest.body()), json)),
                        TextDiff.of(
                                shownAttributes(StoredAttributes.decode(original.attributesJson())),
                                shownAttributes(StoredAttributes.decode(latest.attributesJson())))));
    }

    /** What the find-and-replace would do, with a diff of the first few changes; nothing is saved. */
    @PreAuthorize("@editRole.permits(authentication)")
    @Transactional(readOnly = true)
    public BulkOutcome previewBulk(BulkEdit bulk) {
        return bulk(bulk, false);
    }

    /**
     * Applies the find-and-replace: a new version of each message that holds the text, written a few
     * hundred at a time in one transaction, and one audit event with the filter and the counts.
     */
    @PreAuthorize("@editRole.permits(authentication)")
    @Transactional
    public BulkOutcome applyBulk(BulkEdit bulk) {
        var outcome = bulk(bulk, true);
        audit.record(AuditEntry.of(
                        "message.bulk-edit",
                        bulk.filter().describe(),
                        bulk.reason().strip())
                .withDetail(String.format(
                        "replaced \"%s\" with \"%s\": %,d new versions of %,d selected, %,d without the text,"
                                + " %,d refused%s",
                        clip(bulk.find()),
                        clip(bulk.replace()),
                        outcome.changed(),
                        outcome.selected(),
                        outcome.unchanged(),
                        outcome.refused(),
                        outcome.refusals().isEmpty() ? "" : " (" + String.join("; ", outcome.refusals()) + ")")));
        log.info(
                "{} edited {} parked messages by find-and-replace over {}: {}",
                operator(),
                outcome.changed(),
                bulk.filter().describe(),
                bulk.reason().strip());
        return outcome;
    }

    private BulkOutcome bulk(BulkEdit bulk, boolean apply) {
        if (bulk.find() == null || bulk.find().isEmpty()) {
            throw new IllegalArgumentException("Say what to find");
        }
        if (bulk.find().length() > 1_000 || bulk.replace().length() > 1_000) {
            throw new IllegalArgumentException("Keep what to find and its replacement under 1,000 characters each");
        }
        if (bulk.find().contains(SensitiveValues.MARKER) || bulk.replace().contains(SensitiveValues.MARKER)) {
            throw new IllegalArgumentException(
                    SensitiveValues.MARKER + " stands for masked values: it can be neither found nor written");
        }
        var reason = apply ? reason(bulk.reason()) : "";
        var ids = lot.ids(bulk.filter(), properties.bulkMax() + 1);
        if (ids.size() > properties.bulkMax()) {
            throw new IllegalArgumentException(String.format(
                    "More than %,d messages match: narrow the selection (dlq-console.edit.bulk-max)",
                    properties.bulkMax()));
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("No message matches the selection");
        }
        var refusals = new TreeMap<String, Integer>();
        var samples = new ArrayList<Sample>();
        int changed = 0;
        int unchanged = 0;
        var by = operator();
        var now = clock.instant();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            var chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            var statuses = apply ? lockState(chunk) : states(chunk);
            var held = waiting.jobsToSend(chunk);
            var contents = contents(chunk);
            var toInsert = new ArrayList<MessageVersions.New>();
            for (var id : chunk) {
                var current = contents.get(id);
                var status = statuses.get(id);
                if (current == null || status == null) {
                    continue;
                }
                var refusal = refusal(status, held.get(id), current.text() == null);
                if (refusal != null) {
                    refusals.merge(refusal.replaceAll("\\d+", "N"), 1, Integer::sum);
                    continue;
                }
                var masked = sensitive.mask(current.text()).text();
                if (!masked.contains(bulk.find())) {
                    unchanged++;
                    continue;
                }
                var edited = masked.replace(bulk.find(), bulk.replace());
                String body;
                try {
                    body = current.json()
                            ? MaskedEdit.json(edited, masked, current.text(), "body")
                            : MaskedEdit.text(edited, masked, current.text());
                } catch (IllegalArgumentException e) {
                    refusals.merge(
                            current.json() && MaskedEdit.tree(edited) == null
                                    ? "the replacement would break its JSON"
                                    : "the replacement touches a masked value",
                            1,
                            Integer::sum);
                    continue;
                }
                changed++;
                if (samples.size() < SAMPLES) {
                    samples.add(new Sample(
                            id, TextDiff.of(maskedBody(masked, current.json()), maskedBody(edited, current.json()))));
                }
                if (apply) {
                    var bytes = body.getBytes(StandardCharsets.UTF_8);
                    toInsert.add(new MessageVersions.New(
                            id,
                            current.version() + 1,
                            bytes,
                            StoredAttributes.encode(current.attributes()),
                            FailureFingerprint.sha256(bytes),
                            by,
                            now,
                            reason,
                            true));
                }
            }
            if (!toInsert.isEmpty()) {
                versions.insert(toInsert);
            }
        }
        var refused = refusals.values().stream().mapToInt(Integer::intValue).sum();
        return new BulkOutcome(
                ids.size(),
                changed,
                unchanged,
                refused,
                refusals.entrySet().stream()
                        .map(e -> String.format("%,d: %s", e.getValue(), e.getKey()))
                        .toList(),
                List.copyOf(samples));
    }

    /** A message's latest version, as stored, and whether the message as parked was JSON. */
    private record Current(
            long id,
            ParkedStatus status,
            int version,
            @Nullable String text,
            Map<String, dev.dlqconsole.sqs.MessageAttribute> attributes,
            boolean json) {}

    private record Prepared(String body, String attributesJson, boolean attributesChanged) {}

    private Current current(long id) {
        var stored = lot.stored(id).orElseThrow(() -> new NoSuchElementException("No parked message has id " + id));
        var latest = versions.latest(id);
        var original = MessageDetails.utf8(stored.body());
        var json = original != null && MaskedEdit.tree(original) != null;
        return latest.map(v -> new Current(
                        id,
                        stored.summary().status(),
                        v.version(),
                        MessageDetails.utf8(v.body()),
                        StoredAttributes.decode(v.attributesJson()),
                        json))
                .orElseGet(() -> new Current(
                        id,
                        stored.summary().status(),
                        0,
                        original,
                        StoredAttributes.decode(stored.attributesJson()),
                        json));
    }

    /** The latest versions of these messages, read a chunk at a time (bulk edits). */
    private Map<Long, Current> contents(List<Long> ids) {
        var latest = versions.latest(ids);
        var contents = new HashMap<Long, Current>();
        jdbc.query(
                "SELECT message_id, body, attributes_json FROM parked_payload WHERE message_id IN ("
                        + ParkingLot.literals(ids) + ")",
                rs -> {
                    var id = rs.getLong(1);
                    var original = MessageDetails.utf8(rs.getBytes(2));
                    var json = original != null && MaskedEdit.tree(original) != null;
                    var version = latest.get(id);
                    contents.put(
                            id,
                            version == null
                                    ? new Current(
                                            id,
                                            ParkedStatus.PARKED,
                                            0,
                                            original,
                                            StoredAttributes.decode(rs.getString(3)),
                                            json)
                                    : new Current(
                                            id,
                                            ParkedStatus.PARKED,
                                            version.version(),
                                            MessageDetails.utf8(version.body()),
                                            StoredAttributes.decode(version.attributesJson()),
                                            json));
                });
        return contents;
    }

    /** The edit with its masked values put back, checked; what would be saved. */
    private Prepared prepare(Current current, Edit edit) {
        if (current.text() == null) {
            throw new IllegalArgumentException("The body is binary: it cannot be edited as text");
        }
        if (edit.body() == null || edit.attributes() == null) {
            throw new IllegalArgumentException("An edit needs a body and attributes");
        }
        var masked = sensitive.mask(current.text()).text();
        var body = current.json()
                ? MaskedEdit.json(edit.body(), masked, current.text(), "body")
                : MaskedEdit.text(edit.body(), masked, current.text());
        var storedAttributes = StoredAttributes.encode(current.attributes());
        var attributesText = edit.attributes().isBlank() ? "{}" : edit.attributes();
        var restored = MaskedEdit.json(
                attributesText,
                StoredAttributes.encode(shown.shownAttributes(current.attributes())),
                storedAttributes,
                "attributes");
        var attributes = EditedAttributes.parse(restored, current.attributes());
        var attributesJson = StoredAttributes.encode(attributes);
        var size = body.getBytes(StandardCharsets.UTF_8).length + attributesJson.length();
        if (size > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException(
                    String.format("The edited message is %,d bytes; SQS takes at most %,d", size, MAX_MESSAGE_BYTES));
        }
        var attributesChanged = !attributesJson.equals(storedAttributes);
        var sameBody = current.json()
                ? java.util.Objects.equals(MaskedEdit.tree(body), MaskedEdit.tree(current.text()))
                : body.equals(current.text());
        if (sameBody && !attributesChanged) {
            throw new IllegalArgumentException("Nothing changed: the edit is the message as it is");
        }
        return new Prepared(body, attributesJson, attributesChanged);
    }

    private @Nullable String refusal(ParkedStatus status, @Nullable Long job, boolean binary) {
        if (status != ParkedStatus.PARKED) {
            return "it is " + status.label().toLowerCase() + "; only a parked message can be edited";
        }
        if (job != null) {
            return "replay job " + job + " is still to send it; cancel that job first";
        }
        if (binary) {
            return "its body is binary";
        }
        return null;
    }

    /** The states of these messages, locked until the transaction ends: no replay claims them meanwhile. */
    private Map<Long, ParkedStatus> lockState(List<Long> ids) {
        var states = new HashMap<Long, ParkedStatus>();
        jdbc.query(
                "SELECT message_id, status FROM message_state WHERE message_id IN (" + ParkingLot.literals(ids)
                        + ") FOR UPDATE",
                rs -> {
                    states.put(rs.getLong(1), ParkedStatus.valueOf(rs.getString(2)));
                });
        return states;
    }

    private Map<Long, ParkedStatus> states(List<Long> ids) {
        var states = new HashMap<Long, ParkedStatus>();
        jdbc.query(
                "SELECT message_id, status FROM message_state WHERE message_id IN (" + ParkingLot.literals(ids) + ")",
                rs -> {
                    states.put(rs.getLong(1), ParkedStatus.valueOf(rs.getString(2)));
                });
        return states;
    }

    private String shownBody(Current current) {
        return maskedBody(current.text(), current.json());
    }

    private String maskedBody(@Nullable String text, boolean json) {
        if (text == null) {
            return "";
        }
        var masked = sensitive.mask(text).text();
        return json ? MaskedEdit.pretty(masked) : masked;
    }

    private String shownAttributes(Map<String, dev.dlqconsole.sqs.MessageAttribute> attributes) {
        return MaskedEdit.pretty(StoredAttributes.encode(shown.shownAttributes(attributes)));
    }

    private static String reason(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Say why you edit it: the history and the audit trail keep it");
        }
        if (reason.strip().length() > 1000) {
            throw new IllegalArgumentException("Keep the reason under 1,000 characters");
        }
        return reason.strip();
    }

    private static String clip(String text) {
        return text.length() <= 100 ? text : text.substring(0, 99) + "…";
    }

    private static String operator() {
        var name = SecurityContextHolder.getContext().getAuthentication().getName();
        return name.length() > 100 ? name.substring(0, 100) : name;
    }
}
