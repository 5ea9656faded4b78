package dev.blackwater.lake;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing. When the listing goes on, {@link #nextStartAfter()} is the key to start
 * the next page after.
 */
public record LakePage(List<LakeObject> objects, boolean truncated) {

  public LakePage {
    objects = List.copyOf(objects);
  }

  /** The key after which the next page starts, if there is one. */
  public Optional<String> nextStartAfter() {
    return truncated && !objects.isEmpty()
        ? Optional.of(objects.get(objects.size() - 1).key())
        : Optional.empty();
  }
}
