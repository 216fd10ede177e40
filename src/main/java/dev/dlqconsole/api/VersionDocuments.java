package dev.dlqconsole.api;

import dev.dlqconsole.parking.MessageEdits;
import dev.dlqconsole.parking.MessageVersion;
import dev.dlqconsole.parking.TextDiff;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The versions of parked messages as the API shows them; bodies and attributes in diffs are masked. */
final class VersionDocuments {

    private VersionDocuments() {}

    @Schema(name = "MessageVersion", description = "One edit of a parked message (version 0 is the message as parked).")
    record Version(
            long messageId, int version, String editedBy, Instant editedAt, String reason, boolean bulk, int bodySize) {

        static Version of(MessageVersion v) {
            return new Version(
                    v.messageId(), v.version(), v.editedBy(), v.editedAt(), v.reason(), v.bulk(), v.bodySize());
        }
    }

    @Schema(name = "MessageVersions")
    record Versions(
            List<Version> versions,

            @Schema(
                    description =
                            "The message as parked beside its latest version; no rows when it was" + " never edited.")
            Diff originalToLatest) {

        static Versions of(MessageEdits.Versions v) {
            return new Versions(
                    v.versions().stream().map(Version::of).toList(),
                    v.originalToLatest() == null
                            ? new Diff(new Lines(0, List.of()), new Lines(0, List.of()))
                            : Diff.of(v.originalToLatest()));
        }
    }

    @Schema(name = "VersionDiff", description = "A line diff of the body and of the attributes, both sides masked.")
    record Diff(Lines body, Lines attributes) {

        static Diff of(MessageEdits.Check check) {
            return new Diff(Lines.of(check.body()), Lines.of(check.attributes()));
        }
    }

    @Schema(name = "LineDiff")
    record Lines(int changedLines, List<Row> rows) {

        static Lines of(TextDiff diff) {
            return new Lines(
                    diff.changedLines(),
                    diff.rows().stream()
                            .map(r -> new Row(
                                    r.kind().name().toLowerCase(Locale.ROOT),
                                    r.leftLine(),
                                    r.left(),
                                    r.rightLine(),
                                    r.right()))
                            .toList());
        }
    }

    @Schema(name = "LineDiffRow")
    record Row(
            @Schema(allowableValues = {"same", "changed", "added", "removed", "folded"})
            String kind,

            @Schema(description = "The line's number before (0: none).")
            int leftLine,

            String left,

            @Schema(description = "The line's number after (0: none).")
            int rightLine,

            String right) {}

    @Schema(name = "BulkEditOutcome")
    record BulkOutcome(
            @Schema(description = "True when nothing was saved.")
            boolean dryRun,

            int selected,

            @Schema(description = "Messages that get (or got) a new version.")
            int changed,

            int unchanged,
            int refused,

            @Schema(description = "Why messages were refused, with how many.")
            List<String> refusals,

            List<Sample> samples) {

        static BulkOutcome of(MessageEdits.BulkOutcome o, boolean dryRun) {
            return new BulkOutcome(
                    dryRun,
                    o.selected(),
                    o.changed(),
                    o.unchanged(),
                    o.refused(),
                    o.refusals(),
                    o.samples().stream()
                            .map(s -> new Sample(s.messageId(), Lines.of(s.diff())))
                            .toList());
        }
    }

    @Schema(name = "BulkEditSample")
    record Sample(long messageId, Lines diff) {}
}
