package dev.dlqconsole.replay;

import dev.dlqconsole.parking.ParkedStatus;
import dev.dlqconsole.parking.ReplayCandidate;
import dev.dlqconsole.parking.ReplayClaims;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What a replay would do with each selected message: send it where (a connection and a queue), or
 * skip it and why. It reads what it counts (ids, hashes, status, where each came from), never a body:
 * the preview runs on every change in the replay dialog, over up to 100,000 messages.
 */
@Component
class ReplayPlanner {

    private final ReplayClaims claims;
    private final ReplayProperties properties;

    ReplayPlanner(ReplayClaims claims, ReplayProperties properties) {
        this.claims = claims;
        this.properties = properties;
    }

    record Planned(
            ReplayCandidate candidate,
            @Nullable ReplayTarget target,
            @Nullable String skip) {}

    /** The entries in send order, the preview, and the target the operator chose (if any). */
    record Plan(
            List<Planned> entries,
            ReplayPreview preview,
            @Nullable ReplayTarget target) {}

    Plan plan(ReplayRequest request) {
        var candidates = request.filter() == null
                ? claims.candidates(request.ids())
                : claims.candidates(request.filter(), ReplayRequest.MAX_MESSAGES + 1);
        if (candidates.size() > ReplayRequest.MAX_MESSAGES) {
            throw new IllegalArgumentException(String.format(
                    "A replay takes at most %,d messages; narrow the filter", ReplayRequest.MAX_MESSAGES));
        }
        var selected = request.filter() == null ? request.ids().size() : candidates.size();
        var connections = new TreeSet<String>();
        candidates.forEach(c -> connections.add(c.connection()));
        var chosen = chosenTarget(request, connections);

        var planned = new ArrayList<Planned>();
        int alreadyReplayed = 0, discarded = 0, inAnotherJob = 0, noTarget = 0, poison = 0, leftOut = 0;
        var toSend = new ArrayList<Planned>();
        for (var c : candidates) {
            var target = chosen != null
                    ? chosen
                    : c.sourceQueue() == null ? null : new ReplayTarget(c.connection(), c.sourceQueue());
            String skip = null;
            if (c.status() == ParkedStatus.DISCARDED) {
                skip = "discarded";
                discarded++;
            } else if (c.status() == ParkedStatus.REPLAYING) {
                skip = "being replayed by job " + c.replayJobId();
                inAnotherJob++;
            } else if (request.leaveOut().contains(c.fingerprint())) {
                skip = "left out: its failure group's runbook says not to replay it";
                leftOut++;
            } else if (c.status() == ParkedStatus.REPLAYED && !request.force()) {
                skip = "already replayed";
                alreadyReplayed++;
            } else if (c.timesReplayed() >= properties.poisonAfter() && !request.force()) {
                skip = "poison: replayed " + c.timesReplayed() + " times and back again; an admin may force it";
                poison++;
            } else if (target == null) {
                skip = "source queue unknown: choose a target queue";
                noTarget++;
            }
            var entry = new Planned(c, target, skip);
            planned.add(entry);
            if (skip == null) {
                toSend.add(entry);
            }
        }
        var duplicates = collapseDuplicates(toSend, request);
        var perTarget = new TreeMap<String, Integer>();
        int uncertain = 0;
        var entries = new ArrayList<Planned>();
        for (var p : planned) {
            var duplicateOf = duplicates.get(p.candidate().id());
            var entry = duplicateOf == null
                    ? p
                    : new Planned(
                            p.candidate(),
                            p.target(),
                            "duplicate of message " + duplicateOf + " (same body and idempotency key)");
            if (entry.skip() == null) {
                perTarget.merge(entry.target().toString(), 1, Integer::sum);
                uncertain += entry.candidate().uncertainReplayId() == null ? 0 : 1;
            }
            entries.add(entry);
        }
        var willSend = perTarget.values().stream().mapToInt(Integer::intValue).sum();
        var edited = (int) entries.stream()
                .filter(e -> e.skip() == null && e.candidate().edited())
                .count();
        var groups = new LinkedHashMap<String, GroupCounts>();
        for (var entry : entries) {
            groups.computeIfAbsent(entry.candidate().fingerprint(), f -> new GroupCounts())
                    .add(entry.candidate().dlq(), entry.skip() == null);
        }
        return new Plan(
                inSendOrder(entries),
                new ReplayPreview(
                        selected,
                        willSend,
                        alreadyReplayed,
                        discarded,
                        inAnotherJob,
                        noTarget,
                        poison,
                        duplicates.size(),
                        uncertain,
                        perTarget,
                        List.copyOf(connections),
                        leftOut,
                        groups.entrySet().stream()
                                .map(e -> e.getValue().share(e.getKey()))
                                .sorted(Comparator.comparingInt(ReplayPreview.GroupShare::selected)
                                        .reversed()
                                        .thenComparing(ReplayPreview.GroupShare::fingerprint))
                                .toList(),
                        edited,
                        properties.approvalNeeded(willSend, request.force(), edited)),
                chosen);
    }

    private static final class GroupCounts {
        private final TreeSet<String> dlqs = new TreeSet<>();
        private int selected;
        private int willSend;

        void add(String dlq, boolean sent) {
            dlqs.add(dlq);
            selected++;
            willSend += sent ? 1 : 0;
        }

        ReplayPreview.GroupShare share(String fingerprint) {
            return new ReplayPreview.GroupShare(fingerprint, List.copyOf(dlqs), selected, willSend);
        }
    }

    /** The FIFO group a message keeps when replayed to a FIFO queue. */
    static String fifoGroup(ReplayCandidate c) {
        return c.groupId() == null ? "dlq-console-replay" : c.groupId();
    }

    /**
     * A target queue the operator chose names its connection, or the selection's own when all of it
     * comes from one: two accounts may both have the queue.
     */
    private static @Nullable ReplayTarget chosenTarget(ReplayRequest request, TreeSet<String> connections) {
        if (request.targetQueue() == null) {
            return null;
        }
        if (request.targetConnection() != null) {
            return new ReplayTarget(request.targetConnection(), request.targetQueue());
        }
        if (connections.size() > 1) {
            throw new IllegalArgumentException("The selection comes from the connections "
                    + String.join(", ", connections) + ": say on which one the target queue "
                    + request.targetQueue() + " is");
        }
        return connections.isEmpty() ? null : new ReplayTarget(connections.first(), request.targetQueue());
    }

    /**
     * Messages to send that duplicate another (same target, same body, same idempotency key; or same
     * body alone when the operator collapses by body), and earlier copies a job already sent (unless
     * forced): their ids, each with the id of the first copy. Only messages whose body occurs more than
     * once can be duplicates, so only their keys are read.
     */
    private Map<Long, Long> collapseDuplicates(List<Planned> toSend, ReplayRequest request) {
        var sentBefore = new ArrayList<Planned>();
        if (!request.force()) {
            // Only bodies some replayed message has (the query said so, per candidate) need a look.
            for (var earlier : claims.replayedWithBodies(toSend.stream()
                    .filter(p -> p.candidate().bodyReplayed())
                    .map(p -> p.candidate().bodySha256())
                    .toList())) {
                var target = request.targetQueue() != null
                        ? toSend.getFirst().target()
                        : earlier.sourceQueue() == null
                                ? null
                                : new ReplayTarget(earlier.connection(), earlier.sourceQueue());
                if (target != null) {
                    sentBefore.add(new Planned(earlier, target, null));
                }
            }
        }
        var bodies = new HashMap<String, Integer>();
        sentBefore.forEach(p -> bodies.merge(p.candidate().bodySha256(), 1, Integer::sum));
        toSend.forEach(p -> bodies.merge(p.candidate().bodySha256(), 1, Integer::sum));
        var shared = new ArrayList<Long>();
        sentBefore.forEach(p -> {
            if (bodies.get(p.candidate().bodySha256()) > 1)
                shared.add(p.candidate().id());
        });
        toSend.forEach(p -> {
            if (bodies.get(p.candidate().bodySha256()) > 1)
                shared.add(p.candidate().id());
        });
        var keys = shared.isEmpty()
                ? Map.<Long, String>of()
                : claims.attributeValues(shared, properties.idempotencyKeyAttribute());

        var firstCopies = new HashMap<String, Long>();
        var duplicates = new LinkedHashMap<Long, Long>();
        for (var group : List.of(sentBefore, toSend)) {
            for (var p : group) {
                var c = p.candidate();
                if (bodies.get(c.bodySha256()) < 2) {
                    continue;
                }
                var key = keys.get(c.id());
                if (key == null && !request.collapseByBody()) {
                    continue;
                }
                var identity = p.target() + "\n" + c.bodySha256() + "\n" + (key == null ? "" : "key:" + key);
                var first = firstCopies.putIfAbsent(identity, c.id());
                if (first != null && group == toSend) {
                    duplicates.put(c.id(), first);
                }
            }
        }
        return duplicates;
    }

    /**
     * Oldest first; for a FIFO target, by group and the order SQS gave each message, the groups
     * interleaved (one message of each in turn) so a batch can carry ten groups while each group
     * keeps its order.
     */
    private static List<Planned> inSendOrder(List<Planned> entries) {
        var byTarget = new LinkedHashMap<String, List<Planned>>();
        entries.stream()
                .sorted(Comparator.comparingLong((Planned p) -> p.candidate().id()))
                .forEach(p -> byTarget.computeIfAbsent(String.valueOf(p.target()), t -> new ArrayList<>())
                        .add(p));
        var ordered = new ArrayList<Planned>();
        for (var planned : byTarget.values()) {
            var target = planned.getFirst().target();
            if (target == null || !target.fifo()) {
                ordered.addAll(planned);
                continue;
            }
            var groups = new TreeMap<String, List<Planned>>();
            planned.stream()
                    .sorted(Comparator.comparing((Planned p) -> sequence(p.candidate()))
                            .thenComparingLong(p -> p.candidate().id()))
                    .forEach(p -> groups.computeIfAbsent(fifoGroup(p.candidate()), g -> new ArrayList<>())
                            .add(p));
            while (groups.values().stream().anyMatch(g -> !g.isEmpty())) {
                for (var group : groups.values()) {
                    if (!group.isEmpty()) {
                        ordered.add(group.removeFirst());
                    }
                }
            }
        }
        return ordered;
    }

    private static BigInteger sequence(ReplayCandidate c) {
        return c.sequenceNumber() == null ? BigInteger.ZERO : new BigInteger(c.sequenceNumber());
    }
}
