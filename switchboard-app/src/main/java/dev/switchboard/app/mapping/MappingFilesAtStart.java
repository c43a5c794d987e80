package dev.switchboard.app.mapping;

import org.springframework.stereotype.Component;

/** Reads the default mapping files while the application starts: a broken file fails the start, naming file and line. */
@Component
class MappingFilesAtStart {
  MappingFilesAtStart() {
    // a fresh read: the static defaults would report a broken file as a class initialisation error
    MappingCatalog.load(MappingCatalog.LOCATION);
  }
}
