package dev.dlqconsole.parking.ui;

import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RouteParameters;
import dev.dlqconsole.parking.FailureGroup;
import dev.dlqconsole.parking.MessageFilter;
import dev.dlqconsole.parking.ParkedStatus;
import dev.dlqconsole.runbook.RunbookLibrary;
import java.util.HashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Where a failure group leads, each link carrying the group (and its DLQ) so nobody finds it again. */
final class GroupLinks {

    private GroupLinks() {}

    /** What a link from a group carries: the group, and its DLQ when it has one. */
    static QueryParameters context(FailureGroup group) {
        var query = new HashMap<String, List<String>>();
        query.put("fingerprint", List.of(group.fingerprint()));
        if (group.dlqs().size() == 1) {
            query.put("dlq", List.of(group.dlqs().getFirst()));
        }
        return new QueryParameters(query);
    }

    /** The new-incident form, filled with the group, its DLQ and the runbook that applies. */
    static QueryParameters incident(FailureGroup group, RunbookLibrary runbooks) {
        var query = new HashMap<>(context(group).getParameters());
        runbooks.applicableToAny(group.dlqs(), group.sampleReason()).stream()
                .findFirst()
                .ifPresent(r -> query.put("runbook", List.of(r.id())));
        return new QueryParameters(query);
    }

    /** The replay dialog over the group's parked messages. */
    static QueryParameters replay(FailureGroup group) {
        return MessageFilters.toQuery(
                MessageFilter.ALL.withFingerprint(group.fingerprint()).withStatus(ParkedStatus.PARKED));
    }

    /** The group's messages, in the status shown (null: any). */
    static QueryParameters messages(FailureGroup group, @Nullable ParkedStatus status) {
        return MessageFilters.toQuery(
                MessageFilter.ALL.withFingerprint(group.fingerprint()).withStatus(status));
    }

    static RouteParameters page(FailureGroup group) {
        return new RouteParameters("fingerprint", group.fingerprint());
    }
}
