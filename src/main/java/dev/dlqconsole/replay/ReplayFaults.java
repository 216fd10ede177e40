package dev.dlqconsole.replay;

import org.springframework.stereotype.Component;

/**
 * The moment that decides "no accidental duplicates": after SQS accepted a batch and before the
 * ledger says so. It does nothing in the console; tests replace it to crash the executor there.
 */
@Component
class ReplayFaults {

    void afterSend(long jobId) {}
}
