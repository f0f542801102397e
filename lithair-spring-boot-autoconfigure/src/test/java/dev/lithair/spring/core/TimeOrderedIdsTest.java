package dev.lithair.spring.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void anIdIsAVersion7UuidCarryingItsMillisecondAndTheRandomBits() {
        UUID random = UUID.fromString("f47ac10b-58cc-4372-a567-0e02b2c3d479");

        UUID id = TimeOrderedIds.at(0x0193_A1B2_C3D4L, random);

        assertThat(id.toString()).isEqualTo("0193a1b2-c3d4-7372-a567-0e02b2c3d479");
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void idsOfLaterMillisecondsSortAfterAsStringsAndAsUuids() throws InterruptedException {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(TimeOrderedIds.next());
            Thread.sleep(2);
        }

        assertThat(ids).isSortedAccordingTo((a, b) -> Long.compareUnsigned(a.getMostSignificantBits(),
                b.getMostSignificantBits()));
        assertThat(ids.stream().map(UUID::toString).toList()).isSorted();
        assertThat(ids).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id.version()).isEqualTo(7));
    }
}
