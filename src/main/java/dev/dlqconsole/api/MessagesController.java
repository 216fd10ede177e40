package dev.dlqconsole.api;

import dev.dlqconsole.parking.ParkingService;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Parked messages, searched with the Messages view's filters. As in the UI, reading is not audited;
 * what changes messages (a replay, a discard) is.
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

    @GetMapping("/api/messages/{id}")
    MessageDocument message(@PathVariable long id) {
        return MessageDocument.of(parking.details(id));
    }
}
