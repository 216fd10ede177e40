package dev.dlqconsole.api;

import dev.dlqconsole.overview.OverviewService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "DLQs", description = "The dead-letter queues discovery found, and what the parking lot holds of each.")
class DlqsController {

    private final OverviewService overview;

    DlqsController(OverviewService overview) {
        this.overview = overview;
    }

    @Operation(
            operationId = "listDlqs",
            summary = "Every DLQ discovery found, with what the parking lot holds of each. VIEWER.",
            description = """
                    One entry per DLQ on every configured SQS connection, as the Overview shows them, and
                    the state of each connection: a connection that could not be read keeps the DLQs it had
                    at its last good discovery, and says why in `error`.""")
    @GetMapping("/api/dlqs")
    DlqList dlqs() {
        return DlqList.of(overview.inventories(), overview.parkedCounts());
    }
}
