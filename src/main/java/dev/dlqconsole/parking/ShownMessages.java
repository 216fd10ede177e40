package dev.dlqconsole.parking;

import dev.dlqconsole.parking.MessageDetails.Attribute;
import dev.dlqconsole.parking.MessageDetails.HistoryEntry;
import dev.dlqconsole.parking.MessageDetails.Masking;
import dev.dlqconsole.security.SensitiveValues;
import dev.dlqconsole.sqs.MessageAttribute;
import dev.dlqconsole.tracing.TraceContextReader;
import dev.dlqconsole.tracing.TraceLinks;
import dev.dlqconsole.tracing.TraceReading;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A stored message made into what people see of it: body and attributes masked (as they were at park
 * time) unless an admin unmasked it, its trace read, its history told. The message page, the API and
 * exports all show it through here, so none of them shows more than another.
 */
@Component
class ShownMessages {

    private final TraceContextReader traceReader;
    private final TraceLinks traceLinks;
    private final List<MessageHistory> histories;
    private final SensitiveValues sensitive;
    private final ShownValues shownValues;

    ShownMessages(
            TraceContextReader traceReader,
            TraceLinks traceLinks,
            List<MessageHistory> histories,
            SensitiveValues sensitive,
            ShownValues shownValues) {
        this.traceReader = traceReader;
        this.traceLinks = traceLinks;
        this.histories = histories;
        this.sensitive = sensitive;
        this.shownValues = shownValues;
    }

    private MessageTrace trace(StoredMessage stored) {
        var message = stored.summary();
        if (message.traceId() != null) {
            return new MessageTrace(
                    message.traceId(),
                    message.traceFormat(),
                    message.traceHeader(),
                    message.traceRaw(),
                    null,
                    traceLinks.urlFor(message.traceId()).orElse(null));
        }
        if (message.traceRaw() == null) {
            return new MessageTrace(null, null, null, null, null, null);
        }
        // Read the stored attributes again to say what is wrong with the header.
        var strings = new LinkedHashMap<String, String>();
        attributes(stored.attributesJson()).forEach(a -> {
            if (a.value() != null) {
                strings.put(a.name(), a.value());
            }
        });
        var problem = traceReader.read(strings, StoredAttributes.decodeSystem(stored.systemJson()))
                        instanceof TraceReading.Unreadable u
                ? u.problem()
                : "not a trace header any propagator accepts";
        return new MessageTrace(null, null, message.traceHeader(), message.traceRaw(), problem, null);
    }

    /** The message as its page shows it: masked unless {@code unmasked}, with its whole history. */
    MessageDetails details(StoredMessage message, boolean unmasked) {
        return details(message, unmasked, true);
    }

    /**
     * The message as shown, masked, without its history: asking each feature for it costs queries per
     * message, too many for an export of thousands.
     */
    MessageDetails masked(StoredMessage message) {
        return details(message, false, false);
    }

    private MessageDetails details(StoredMessage message, boolean unmasked, boolean withHistory) {
        var raw = StoredAttributes.decode(message.attributesJson());
        // Masked when it was parked. The start-up pass masks older rows before the console serves; were
        // one missed, its shown copy is made here rather than show it raw.
        var shownJson = message.shownAttributesJson();
        var shownByName = shownJson == null ? shownValues.shownAttributes(raw) : StoredAttributes.decode(shownJson);
        var attributes = new ArrayList<Attribute>();
        var maskedAttributes = new ArrayList<String>();
        raw.forEach((name, value) -> {
            var view = shownByName.getOrDefault(
                    name, new MessageAttribute(value.dataType(), SensitiveValues.MARKER, null));
            var masked = !java.util.Objects.equals(view.stringValue(), value.stringValue());
            if (masked) {
                maskedAttributes.add(name);
            }
            var showing = unmasked || !masked ? value : view;
            attributes.add(new Attribute(
                    name, value.dataType(), showing.stringValue(), showing.binaryValue(), masked && !unmasked));
        });
        var bytes = message.body();
        var text = MessageDetails.utf8(bytes);
        var body = text == null ? null : sensitive.mask(text);
        var reason = unmasked ? shownValues.rawReason(raw) : message.failureReason();
        return new MessageDetails(
                message.summary(),
                reason,
                FailureFingerprint.template(reason),
                body == null || unmasked ? bytes : body.text().getBytes(StandardCharsets.UTF_8),
                List.copyOf(attributes),
                StoredAttributes.decodeSystem(message.systemJson()),
                withHistory ? history(message.summary(), histories) : List.of(),
                trace(message),
                new Masking(unmasked, body == null ? 0 : body.masked(), List.copyOf(maskedAttributes), body != null));
    }

    private static List<Attribute> attributes(String attributesJson) {
        var list = new ArrayList<Attribute>();
        StoredAttributes.decode(attributesJson)
                .forEach((name, a) ->
                        list.add(new Attribute(name, a.dataType(), a.stringValue(), a.binaryValue(), false)));
        return list;
    }

    private static List<HistoryEntry> history(ParkedSummary message, List<MessageHistory> others) {
        var history = new ArrayList<HistoryEntry>();
        if (message.sentAt() != null) {
            history.add(new HistoryEntry(message.sentAt(), "Sent to SQS", null, message.sourceQueue()));
        }
        history.add(new HistoryEntry(
                message.parkedAt(),
                "Parked from " + message.dlqName(),
                null,
                "received " + message.receiveCount() + " times before parking"));
        // Replays tell their own story (job, target, trace) through MessageHistory.
        if (message.handledAt() != null && message.status() == ParkedStatus.DISCARDED) {
            history.add(new HistoryEntry(
                    message.handledAt(), message.status().label(), message.handledBy(), message.handledReason()));
        }
        others.forEach(other -> history.addAll(other.historyOf(message.id())));
        history.sort(java.util.Comparator.comparing(HistoryEntry::at));
        return history;
    }
}
