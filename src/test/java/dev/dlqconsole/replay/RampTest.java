package dev.dlqconsole.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RampTest {

    @Test
    void the_canary_is_the_first_step_and_the_rest_the_last() {
        assertThat(Ramp.plan(List.of(1, 5, 25, 100), 1_000, 10))
                .containsExactly(
                        new Ramp.Step(1, 10), new Ramp.Step(5, 50), new Ramp.Step(25, 250), new Ramp.Step(100, 1_000));
    }

    @Test
    void steps_the_canary_reached_already_are_left_out() {
        assertThat(Ramp.plan(List.of(1, 5, 25, 100), 100, 10))
                .containsExactly(new Ramp.Step(1, 10), new Ramp.Step(25, 25), new Ramp.Step(100, 100));
    }

    @Test
    void a_job_no_larger_than_its_canary_goes_at_once() {
        assertThat(Ramp.plan(List.of(1, 5, 25, 100), 8, 10)).containsExactly(new Ramp.Step(100, 8));
        assertThat(Ramp.plan(List.of(1, 5, 25, 100), 500, 0)).containsExactly(new Ramp.Step(100, 500));
    }

    @Test
    void a_step_pauses_above_its_threshold_and_the_canary_at_the_first_message_back() {
        var steps = Ramp.plan(List.of(1, 5, 25, 100), 1_000, 10);
        assertThat(new Ramp(steps, 5, 0, null, 0).crossed(1, 10)).isTrue();
        assertThat(new Ramp(steps, 5, 1, null, 0).crossed(2, 40))
                .as("exactly 5%")
                .isFalse();
        assertThat(new Ramp(steps, 5, 1, null, 0).crossed(3, 40)).isTrue();
        assertThat(new Ramp(steps, 0, 1, null, 0).crossed(1, 40)).isTrue();
        assertThat(new Ramp(steps, 5, 1, null, 0).crossed(0, 40)).isFalse();
    }

    @Test
    void steps_rise_to_one_hundred() {
        assertThatThrownBy(() -> Ramp.checked(List.of(5, 1, 100), "steps"))
                .hasMessageContaining("above the one before");
        assertThatThrownBy(() -> Ramp.checked(List.of(1, 5), "steps")).hasMessageContaining("the last step is 100");
        assertThat(Ramp.encode(Ramp.decode("1:10,100:50", 10, 50))).isEqualTo("1:10,100:50");
    }
}
