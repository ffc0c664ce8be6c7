package io.trajstream.runtime;

import io.trajstream.TrajStreamException;

/** Plugins are missing or clash: no store for a scheme, two formats with one name, and so on. */
public class PluginException extends TrajStreamException {
  private static final long serialVersionUID = 1L;

  public PluginException(String message) {
    super(message);
  }
}
