package dev.blackwater.cli;

import dev.blackwater.config.Setting;
import java.util.List;

/** A command that takes settings: it gets an option for each (see {@link SettingOptions}). */
public interface TakesSettings {

  /** The settings the command reads. */
  List<Setting> settings();
}
