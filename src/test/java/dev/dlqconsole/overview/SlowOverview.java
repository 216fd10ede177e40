package dev.dlqconsole.overview;

import dev.dlqconsole.incident.Incident;
import dev.dlqconsole.incident.IncidentService;
import dev.dlqconsole.parking.ParkingService;
import dev.dlqconsole.replay.ReplayService;
import dev.dlqconsole.sqs.DlqDiscovery;
import dev.dlqconsole.sqs.SqsGateway;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Overview's service with one fault a test can switch on: the next read of the open incidents
 * waits until the test lets it go (or 30 s), as a read over a million parked messages takes its time.
 */
public class SlowOverview extends OverviewService {

    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>();
    private final AtomicBoolean reading = new AtomicBoolean();

    public SlowOverview(
            DlqDiscovery discovery,
            SqsGateway sqs,
            ParkingService parking,
            IncidentService incidents,
            ReplayService replays) {
        super(discovery, sqs, parking, incidents, replays);
    }

    /** The next read of the open incidents is slow. */
    public void slowDown() {
        gate.set(new CountDownLatch(1));
    }

    /** Whether a slow read is under way right now. */
    public boolean reading() {
        return reading.get();
    }

    /** Lets the slow read finish. */
    public void release() {
        var latch = gate.getAndSet(null);
        if (latch != null) {
            latch.countDown();
        }
    }

    @Override
    public List<Incident> openIncidents() {
        var latch = gate.get();
        if (latch != null && reading.compareAndSet(false, true)) {
            try {
                latch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                gate.compareAndSet(latch, null);
                reading.set(false);
            }
        }
        return super.openIncidents();
    }
}
