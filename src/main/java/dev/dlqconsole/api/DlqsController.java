package dev.dlqconsole.api;

import dev.dlqconsole.overview.OverviewService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DlqsController {

    private final OverviewService overview;

    DlqsController(OverviewService overview) {
        this.overview = overview;
    }

    @GetMapping("/api/dlqs")
    DlqList dlqs() {
        return DlqList.of(overview.inventories(), overview.parkedCounts());
    }
}
