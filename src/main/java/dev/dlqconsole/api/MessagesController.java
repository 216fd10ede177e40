package dev.dlqconsole.api;

import dev.dlqconsole.parking.ParkingService;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Parked messages, searched with the Messages view's filters, sensitive values masked. As in the UI,
 * reading is not audited; what changes messages (a replay, a discard) is, and so is an admin's unmask.
 */
@RestController
class MessagesController {

    private final ParkingService parking;

    MessagesController(ParkingService parking) {
        this.parking = parking;
    }

    /** Newest first, paged by keyset: {@code before} is the previous page's {@code nextBefore}. */
    @GetMapping("/api/messages")
    MessagePage search(@RequestParam MultiValueMap<String, String> parameters) {
        var query = new QueryParameters(parameters);
        var filter = FilterInput.from(query).toFilter("");
        var before = query.whole("before");
        var limit = query.limit();
        query.refuseUnknown();
        return MessagePage.of(parking.page(filter, before, limit + 1), limit);
    }

    /** With {@code unmasked=true} (admins only, audited) the sensitive values are shown as they are. */
    @GetMapping("/api/messages/{id}")
    MessageDocument message(@PathVariable long id, @RequestParam MultiValueMap<String, String> parameters) {
        var query = new QueryParameters(parameters);
        var unmasked = Boolean.TRUE.equals(query.bool("unmasked"));
        query.refuseUnknown();
        return MessageDocument.of(unmasked ? parking.unmasked(id) : parking.details(id));
    }
}
