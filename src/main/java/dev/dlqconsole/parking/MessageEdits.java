package dev.dlqconsole.parking;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** The commands and results of editing parked messages (see {@link MessageEditService}). */
public final class MessageEdits {

    private MessageEdits() {}

    /**
     * What the editor opens with: the latest version's body ({@code version}; 0 is the message as
     * parked) and attributes, masked as the message page shows them, the body pretty-printed when the
     * message is JSON. {@code refusal} says why it cannot be edited now (null: it can).
     */
    public record Editor(
            long messageId,
            int version,
            boolean json,
            String body,
            String attributes,
            int maskedValues,
            @Nullable String refusal) {}

    /**
     * An edit: the body and attributes (as the editor shows them: JSON of name to {@code type} and
     * {@code value}, or {@code base64}) of the version it was made from, and why.
     */
    public record Edit(int basedOn, String body, String attributes, String reason) {}

    /** What saving an edit would change: a diff of the body and one of the attributes, both masked. */
    public record Check(TextDiff body, TextDiff attributes) {

        public boolean changes() {
            return !body.same() || !attributes.same();
        }
    }

    /**
     * A message's versions, oldest first, and the diff between the message as parked and its latest
     * version (null when it has never been edited), both sides masked.
     */
    public record Versions(
            List<MessageVersion> versions, @Nullable Check originalToLatest) {}

    /** A find-and-replace over the bodies of the messages a filter selects (a failure group is one). */
    public record BulkEdit(MessageFilter filter, String find, String replace, String reason) {}

    /**
     * What a find-and-replace does or did: of the {@code selected} messages, {@code changed} get (or
     * got) a new version, {@code unchanged} do not hold the text, {@code refused} cannot be edited (see
     * {@code refusals}: why, and how many); {@code samples} shows the first few changes, masked.
     */
    public record BulkOutcome(
            int selected, int changed, int unchanged, int refused, List<String> refusals, List<Sample> samples) {}

    /** One message's change in a find-and-replace. */
    public record Sample(long messageId, TextDiff diff) {}
}
